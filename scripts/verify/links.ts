// Judges the links of a slide (read in the page by checks.ts): internal `#N`, files of the checked
// folder, external https links, and YouTube timestamp chips.
import { statSync } from 'node:fs';
import { resolve, sep } from 'node:path';
import type { LinkFacts } from './checks.ts';

export interface LinkContext {
  /** The origin the folder is served on: a link there is a file of the folder. */
  origin: string;
  slideCount: number;
  /** Whether the folder holds this file (a path relative to the folder, `/`-separated). */
  exists: (path: string) => boolean;
}

/** A file test for `LinkContext.exists`: a regular file inside `dir` (never outside it). */
export function fileInDir(dir: string): (path: string) => boolean {
  const root = resolve(dir);
  return (path) => {
    const full = resolve(root, path);
    if (full !== root && !full.startsWith(root + sep)) return false;
    try {
      return statSync(full).isFile();
    } catch {
      return false;
    }
  };
}

/** Seconds of a `H:MM:SS` or `M:SS` label. */
export function labelSeconds(label: string): number | undefined {
  const match = /(\d+(?::\d\d){1,2})/.exec(label);
  return match ? match[1]!.split(':').reduce((total, part) => total * 60 + Number(part), 0) : undefined;
}

/** Seconds of a YouTube `t` parameter: `10718`, `10718s` or `2h58m38s`. */
export function parameterSeconds(t: string | null): number | undefined {
  if (t === null) return undefined;
  if (/^\d+s?$/.test(t)) return Number.parseInt(t, 10);
  const match = /^(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?$/.exec(t);
  if (!match || t === '') return undefined;
  return Number(match[1] ?? 0) * 3600 + Number(match[2] ?? 0) * 60 + Number(match[3] ?? 0);
}

function timestampProblems(link: LinkFacts): string[] {
  const label = labelSeconds(link.text);
  if (!/^▶\s*\d+(?::\d\d){1,2}$/.test(link.text) || label === undefined) return [`timestamp "${link.text}" is not labelled ▶ H:MM:SS`];
  let url: URL;
  try {
    url = new URL(link.url);
  } catch {
    return [`timestamp "${link.text}" links to ${link.href}, not a video URL`];
  }
  const t = parameterSeconds(url.searchParams.get('t'));
  if (t === undefined) return [`timestamp "${link.text}" links to ${link.href}, which has no ?t= seconds`];
  if (t !== label) return [`timestamp "${link.text}" (${label} s) opens the video at t=${url.searchParams.get('t')} (${t} s)`];
  return [];
}

/** What is wrong with one link, one message each (none when it is fine). */
export function linkProblems(link: LinkFacts, context: LinkContext): string[] {
  const problems = link.timestamp ? timestampProblems(link) : [];
  const href = link.href.trim();
  if (href.startsWith('#')) {
    const slide = /^#(\d+)$/.exec(href);
    const n = slide ? Number(slide[1]) : 0;
    if (n < 1 || n > context.slideCount) problems.push(`internal link ${href} leads to no slide (the deck has ${context.slideCount})`);
    return problems;
  }
  let url: URL;
  try {
    url = new URL(link.url);
  } catch {
    return [...problems, `link "${href}" is not a valid URL`];
  }
  if (url.origin === context.origin) {
    const path = decodeURIComponent(url.pathname).replace(/^\/+/, '') || 'index.html';
    if (!context.exists(path)) problems.push(`link ${href}: ${path} is not in the folder`);
  } else if (url.protocol === 'https:') {
    if (link.target !== '_blank') problems.push(`external link ${href} does not open a new tab (target="_blank" missing)`);
    if (!(link.rel ?? '').split(/\s+/).includes('noopener')) problems.push(`external link ${href} has no rel="noopener"`);
  } else if (url.protocol !== 'mailto:') {
    problems.push(`link ${href} is ${url.protocol}, not https:`);
  }
  return problems;
}
