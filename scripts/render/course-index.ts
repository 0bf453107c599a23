// The course contents page (`index.html`): every chapter with its start in the video, the decks that
// exist with their size (topics, slides) — a chapter without a deck says so — and, in a full build,
// the search box over every slide (search-client.ts). No I/O.
import type { Course } from '../notes/course.ts';
import { escapeAttribute } from '../deck/marp-markdown.ts';
import { videoUrl } from '../notes/timestamp.ts';
import { SEARCH_IDS } from './search-client.ts';
import { fontStacks } from './font-plan.ts';

/** The scripts the search box needs, beside index.html, in the order they run. */
export const SEARCH_SCRIPTS = { library: 'minisearch.js', index: 'search-index.js', client: 'search.js' } as const;

export interface IndexDeck {
  title: string;
  html: string;
  pdf?: string;
  /** The learner's handout (a PDF). */
  handout?: string;
  /** The PowerPoint. */
  pptx?: string;
  topics: number;
  /** Unknown for a deck not built in this session (a live preview builds the saved decks only). */
  slides?: number;
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

/** The search box, hidden until its script has loaded the index (without JavaScript it could not search). */
function searchBox(): string {
  const ids = SEARCH_IDS;
  const scripts = Object.values(SEARCH_SCRIPTS).map((src) => `<script src="${src}" defer></script>`).join('\n');
  return `<form id="${ids.form}" role="search" aria-label="Search the course" hidden>
<label for="${ids.input}">Search every slide and its presenter notes</label>
<input id="${ids.input}" type="search" autocomplete="off" spellcheck="false" aria-controls="${ids.results}" aria-describedby="${ids.status}">
<p id="${ids.status}" role="status" aria-live="polite"></p>
<ol id="${ids.results}" aria-label="Matching slides"></ol>
</form>
${scripts}`;
}

export function courseIndexHtml(course: Course, decks: ReadonlyMap<string, IndexDeck>, fontFaces: string, { search = false } = {}): string {
  const e = escapeAttribute;
  const rows = course.chapters.map((chapter) => {
    const deck = chapter.page ? decks.get(chapter.page) : undefined;
    const watch = `<a class="timestamp" href="${e(videoUrl(course.videoId, chapter.seconds))}" target="_blank" rel="noopener" title="Watch from ${e(chapter.start)}">▶ ${e(chapter.start)}</a>`;
    const links = deck
      ? `<a class="deck" href="${e(deck.html)}">${e(deck.title)}</a>${deck.pdf ? ` <a class="pdf" href="${e(deck.pdf)}">PDF</a>` : ''}${deck.handout ? ` <a class="pdf" href="${e(deck.handout)}">Handout</a>` : ''}${deck.pptx ? ` <a class="pdf" href="${e(deck.pptx)}">PowerPoint</a>` : ''}`
      : '<span class="none">no deck yet</span>';
    const size = deck ? [plural(deck.topics, 'topic'), ...(deck.slides === undefined ? [] : [plural(deck.slides, 'slide')])].join(', ') : '';
    return `<tr${deck ? '' : ' class="no-deck"'}><td class="number">${chapter.number}</td><td>${e(chapter.title)}</td><td>${watch}</td><td>${links}</td><td class="size">${size}</td></tr>`;
  });
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${e(course.title)} · contents</title>
<style>
${fontFaces}
body { margin: 0 auto; max-width: 980px; padding: 40px 24px; font-family: ${fontStacks('en').sans}; color: #1e293b; }
h1 { font-size: 34px; margin: 0 0 4px; color: #0f172a; }
p.author { margin: 0 0 28px; color: #475569; font-size: 18px; }
table { border-collapse: collapse; width: 100%; font-size: 18px; }
th, td { text-align: left; padding: 10px 12px; border-bottom: 1px solid #cbd5e1; }
td.number { color: #475569; width: 2em; }
a { color: #1d4ed8; }
a.timestamp { font-weight: 700; text-decoration: none; white-space: nowrap; }
span.none { color: #475569; font-style: italic; }
tr.no-deck td { color: #475569; }
td.size { color: #475569; white-space: nowrap; }
form[role=search] { margin: 0 0 28px; }
form[role=search] label { display: block; font-weight: 700; margin-bottom: 6px; }
form[role=search] input { box-sizing: border-box; width: 100%; font: inherit; font-size: 18px; padding: 8px 12px; border: 2px solid #475569; border-radius: 6px; }
form[role=search] input:focus { outline: 3px solid #1d4ed8; outline-offset: 2px; }
#${SEARCH_IDS.status} { color: #475569; margin: 8px 0; min-height: 1.2em; }
#${SEARCH_IDS.results} { list-style: none; margin: 0; padding: 0; }
#${SEARCH_IDS.results} li { padding: 10px 0; border-bottom: 1px solid #cbd5e1; }
#${SEARCH_IDS.results} a { display: block; text-decoration: none; }
#${SEARCH_IDS.results} a:focus { outline: 3px solid #1d4ed8; outline-offset: 2px; }
#${SEARCH_IDS.results} .where { display: block; font-size: 14px; color: #475569; }
#${SEARCH_IDS.results} .heading { font-size: 19px; font-weight: 700; text-decoration: underline; }
#${SEARCH_IDS.results} .snippet { margin: 4px 0 0; color: #334155; }
#${SEARCH_IDS.results} mark { background: #fde68a; color: inherit; }
</style>
</head>
<body>
<main>
<h1>${e(course.title)}</h1>
<p class="author">${e(course.author)} · course contents</p>
${search ? searchBox() : ''}
<table>
<thead><tr><th scope="col">#</th><th scope="col">Chapter</th><th scope="col">Starts at</th><th scope="col">Deck</th><th scope="col">Size</th></tr></thead>
<tbody>
${rows.join('\n')}
</tbody>
</table>
</main>
</body>
</html>
`;
}
