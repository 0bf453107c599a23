// The course contents page (`index.html`): every chapter with its start in the video, and the decks
// that exist with their size (topics, slides); a chapter without a deck says so. No I/O.
import type { Course } from '../notes/course.ts';
import { escapeAttribute } from '../deck/marp-markdown.ts';
import { videoUrl } from '../notes/timestamp.ts';

export interface IndexDeck {
  title: string;
  html: string;
  pdf?: string;
  topics: number;
  /** Unknown for a deck not built in this session (a live preview builds the saved decks only). */
  slides?: number;
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

export function courseIndexHtml(course: Course, decks: ReadonlyMap<string, IndexDeck>, fontFaces: string): string {
  const e = escapeAttribute;
  const rows = course.chapters.map((chapter) => {
    const deck = chapter.page ? decks.get(chapter.page) : undefined;
    const watch = `<a class="timestamp" href="${e(videoUrl(course.videoId, chapter.seconds))}" target="_blank" rel="noopener" title="Watch from ${e(chapter.start)}">▶ ${e(chapter.start)}</a>`;
    const links = deck
      ? `<a class="deck" href="${e(deck.html)}">${e(deck.title)}</a>${deck.pdf ? ` <a class="pdf" href="${e(deck.pdf)}">PDF</a>` : ''}`
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
body { margin: 0 auto; max-width: 980px; padding: 40px 24px; font-family: 'Arimo', sans-serif; color: #1e293b; }
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
</style>
</head>
<body>
<main>
<h1>${e(course.title)}</h1>
<p class="author">${e(course.author)} · course contents</p>
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
