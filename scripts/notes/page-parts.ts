// The parts of a notes page that are not topic text: the METADATA title, BACK links, timestamps, and
// how a paragraph is recognised as one of them. No I/O.
import type { Token } from 'markdown-it';
import type { SourcePosition, Problems } from '../problems.ts';
import type { Page } from './page-model.ts';
import { formatTimeLabel, parseTimeLabel, parseTimeParameter, parseVideoLink } from './timestamp.ts';
import { withEmoji } from './emoji.ts';

export interface Timestamp {
  label: string;
  seconds: number;
  videoId: string;
  at: SourcePosition;
}

/** `[[BACK](target)]`: the target, else undefined. */
export function backLinkOf(inline: Token): string | undefined {
  const c = inline.children ?? [];
  const texts = c.map((t) => (t.type === 'text' ? t.content : t.type)).join('');
  if (texts !== '[link_openBACKlink_close]') return undefined;
  return String(c.find((t) => t.type === 'link_open')?.attrGet('href') ?? '');
}

export function isLinkOnly(inline: Token): boolean {
  const c = inline.children ?? [];
  return c.length === 3 && c[0]!.type === 'link_open' && c[1]!.type === 'text' && c[2]!.type === 'link_close';
}

export function isImageOnly(inline: Token): boolean {
  const c = inline.children ?? [];
  return c.length === 1 && c[0]!.type === 'image';
}

/** The METADATA title, or what is wrong with it. */
export function readTitle(json: string): string | { message: string; hint: string; invalid?: boolean; offset?: number } {
  let metadata: unknown;
  try {
    metadata = JSON.parse(json);
  } catch (error) {
    const position = Number(/at position (\d+)/.exec((error as Error).message)?.[1] ?? json.length);
    const reason = (error as Error).message.replace(/\s*in JSON at position \d+.*$/s, '');
    return { message: `METADATA is not valid JSON: ${reason}`, hint: 'write it as <!--METADATA {"title": "Page title"} --> (names and texts in double quotes, no comma after the last)', invalid: true, offset: position };
  }
  const title = (metadata as { title?: unknown } | null)?.title;
  if (typeof title !== 'string' || title.trim() === '') return { message: 'METADATA has no "title"', hint: 'add "title": "Page title" to the METADATA JSON' };
  // Text, shown as Marp shows a slide's: its shortcodes as emoji (the tab, the index, BACK's title too).
  return withEmoji(title.trim());
}

/** The METADATA language: `en` when it names none, undefined when it is not a language tag. */
export function readLang(json: string): string | undefined {
  let lang: unknown;
  try {
    lang = (JSON.parse(json) as { lang?: unknown } | null)?.lang;
  } catch {
    return 'en';
  }
  if (lang === undefined) return 'en';
  return typeof lang === 'string' && /^[a-z]{2,3}(-[a-z0-9]{2,8})*$/i.test(lang) ? lang : undefined;
}

/** What is wrong with a page's title; `invalid`: the METADATA is not JSON, which no fallback excuses. */
export interface TitleProblem {
  at: SourcePosition;
  message: string;
  hint: string;
  invalid?: boolean;
}

/** The page position of `offset` in an HTML block that starts at `start`. */
export function offsetAt(html: string, offset: number, start: SourcePosition): SourcePosition {
  const before = html.slice(0, offset).split('\n');
  return { file: start.file, line: start.line + before.length - 1, col: before.length === 1 ? start.col + offset : before.at(-1)!.length + 1 };
}

/** The topic's first paragraph, when it is a video link: its label must be the time `t` says. */
export function readTimestamp(inline: Token, at: SourcePosition, problems: Problems): Timestamp | undefined {
  const link = inline.children![0]!;
  const label = inline.children![1]!.content.trim();
  const video = parseVideoLink(String(link.attrGet('href') ?? ''));
  if (!video) return undefined;
  const seconds = parseTimeLabel(label);
  if (seconds === undefined) {
    problems.error(at, `timestamp label "${label}" is not a time`, 'write it as H:MM:SS (minutes and seconds below 60)');
    return undefined;
  }
  if (video.t === undefined) {
    problems.error(at, `timestamp ${label} has no ?t= in its link`, `add ?t=${seconds} to the link`);
    return undefined;
  }
  const t = parseTimeParameter(video.t);
  if (t === undefined) {
    problems.error(at, `timestamp link has t=${video.t}, which is not a time`, `write t=${seconds} (seconds)`);
    return undefined;
  }
  if (t !== seconds) {
    problems.error(at, `timestamp label ${label} is ${seconds} s but its link says t=${video.t} (${formatTimeLabel(t)})`, 'correct whichever of the two is wrong, so both name the same second');
    return undefined;
  }
  return { label: formatTimeLabel(seconds), seconds, videoId: video.videoId, at };
}

/** The deck's title (METADATA's, else a fallback), and the page-wide checks. */
export function finish(page: Page, problems: Problems, top: SourcePosition, titleProblem: TitleProblem | undefined, bigTitle: string | undefined): void {
  if (titleProblem) {
    // Without a METADATA title, the big title paragraph or the first topic names the deck.
    const fallback = bigTitle ?? page.topics[0]?.heading;
    if (fallback && !titleProblem.invalid) {
      page.title = fallback;
      problems.warn(titleProblem.at, `${titleProblem.message}; the deck is titled "${fallback}"`, titleProblem.hint);
    } else {
      page.title = fallback || page.name;
      problems.error(titleProblem.at, titleProblem.invalid ? titleProblem.message : `${titleProblem.message}, and no title to use instead`, titleProblem.hint);
    }
  }
  if (page.toc && page.topics.length === 0) problems.warn(top, '[TOC] on a page without topics: there is no agenda to show', 'add # topics, or remove [TOC]');
  const seen = new Map<string, number>();
  for (const topic of page.topics) {
    const first = seen.get(topic.heading);
    if (first !== undefined) problems.warn(topic.at, `the topic "${topic.heading}" is already on line ${first}`, 'give each topic its own heading (the agenda links to each by its slide)');
    else seen.set(topic.heading, topic.at.line);
  }
}
