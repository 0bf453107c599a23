// The course search box's script (`search.js` beside index.html), sent to the browser as it is: it loads
// the index built with the decks (`search-index.js`, see search-index.ts) into MiniSearch (`minisearch.js`)
// and lists the slides that match what is typed, each with its chapter, heading and a snippet around the
// first word found, linking to the slide (`statefulsets.html#7`). Without JavaScript the box stays
// hidden. Keys: ↓ from the box goes to the results, ↑/↓ between them, Enter in the box to the first,
// Esc empties the box. No I/O.
import { SEARCH_GLOBAL } from './search-index.ts';

export const SEARCH_IDS = { form: 'search', input: 'search-input', status: 'search-status', results: 'search-results' } as const;
/** Results listed at most: more than a screenful helps no one. */
const SHOWN = 20;
/** Characters of context either side of the word a snippet shows. */
const CONTEXT = 70;

export const SEARCH_CLIENT = `(() => {
  const data = window[${JSON.stringify(SEARCH_GLOBAL)}];
  const ids = ${JSON.stringify(SEARCH_IDS)};
  const form = document.getElementById(ids.form);
  if (!data || !window.MiniSearch || !form) return;
  const index = MiniSearch.loadJS(data.index, data.options);
  const input = document.getElementById(ids.input);
  const status = document.getElementById(ids.status);
  const list = document.getElementById(ids.results);
  form.hidden = false;
  const escape = (text) => text.replace(/[.*+?^\${}()|[\\]\\\\]/g, '\\\\$&');
  const element = (tag, className, text) => {
    const made = document.createElement(tag);
    if (className) made.className = className;
    if (text !== undefined) made.textContent = text;
    return made;
  };
  // A snippet of the slide's text (or else its notes) around the first word found, the words marked.
  const snippet = (result) => {
    const words = new RegExp(result.terms.map(escape).sort((a, b) => b.length - a.length).join('|'), 'gi');
    const fields = [['', result.text], ['Notes: ', result.notes], ['', result.heading]];
    const [label, text] = fields.find(([, value]) => value && value.search(words) >= 0) || ['', result.text || ''];
    const at = Math.max(0, text.search(words));
    const start = Math.max(0, at - ${CONTEXT});
    const end = Math.min(text.length, at + ${CONTEXT * 2});
    const shown = (start > 0 ? '…' : '') + text.slice(start, end) + (end < text.length ? '…' : '');
    const p = element('p', 'snippet', label);
    let last = 0;
    for (const match of shown.matchAll(words)) {
      p.append(shown.slice(last, match.index), element('mark', '', match[0]));
      last = match.index + match[0].length;
    }
    p.append(shown.slice(last));
    return p;
  };
  const show = () => {
    const query = input.value.trim();
    list.replaceChildren();
    if (query === '') {
      status.textContent = '';
      return;
    }
    const results = index.search(query);
    status.textContent = results.length === 0 ? 'No slide matches “' + query + '”.'
      : results.length + (results.length === 1 ? ' slide matches' : ' slides match') + (results.length > ${SHOWN} ? ', the first ${SHOWN} shown.' : '.');
    for (const result of results.slice(0, ${SHOWN})) {
      const item = element('li');
      const link = element('a');
      link.href = encodeURIComponent(result.deck) + '.html#' + result.slide;
      link.append(element('span', 'where', result.chapter + ', slide ' + result.slide), element('span', 'heading', result.heading));
      item.append(link, snippet(result));
      list.append(item);
    }
  };
  const links = () => [...list.querySelectorAll('a')];
  input.addEventListener('input', show);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    links()[0]?.focus();
  });
  input.addEventListener('keydown', (event) => {
    if (event.key === 'ArrowDown' && links().length > 0) {
      event.preventDefault();
      links()[0].focus();
    } else if (event.key === 'Escape') {
      input.value = '';
      show();
    }
  });
  list.addEventListener('keydown', (event) => {
    const all = links();
    const at = all.indexOf(document.activeElement);
    if (at < 0 || (event.key !== 'ArrowDown' && event.key !== 'ArrowUp')) return;
    event.preventDefault();
    const next = at + (event.key === 'ArrowDown' ? 1 : -1);
    (next < 0 ? input : all[Math.min(next, all.length - 1)]).focus();
  });
  // Back from a slide, the browser may give the box its text again.
  if (input.value.trim() !== '') show();
})();
`;
