// Pages held against the course file (tests/fixtures/course-checks/: course.json and one page per
// case): a timestamp outside its chapter is an error at its line naming the chapter it falls in, one
// going backwards a warning, BACK to another chapter than the previous one a warning; NEXT leads on.
import { readdirSync, readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { composeDeck, type DeckContext } from '../../../scripts/deck/deck.ts';
import { chapterAt, parseCourse } from '../../../scripts/notes/course.ts';
import { parsePage } from '../../../scripts/notes/page.ts';
import { formatProblem } from '../../../scripts/problems.ts';

const DIR = 'tests/fixtures/course-checks';
const F = (name: string) => `${DIR}/${name}.md`;
const NAMES = ['after-chapter', 'at-next-chapter', 'back-wrong-chapter', 'before-chapter', 'not-in-course', 'out-of-order'];

const { course, problems: courseProblems } = parseCourse(`${DIR}/course.json`, readFileSync(`${DIR}/course.json`, 'utf8'));
const parsed = new Map(NAMES.map((name) => [name, parsePage(F(name), readFileSync(F(name), 'utf8'))]));

function contextOf(names: string[]): DeckContext {
  const pages = new Map(names.map((name) => [name, parsed.get(name)!.page.title]));
  return { course, pages, pictureFiles: new Set(), diagramSources: new Map() };
}

function composed(name: string, context = contextOf(NAMES)) {
  const { page, problems } = parsed.get(name)!;
  const { deck, problems: found } = composeDeck(page, context);
  return { deck, problems: [...problems.list, ...found.list].map(formatProblem) };
}

const CATALOGUE: Record<string, string[]> = {
  'before-chapter': [
    `${F('before-chapter')}:13:1  timestamp 3:01:58 is before chapter 14 "K8s Services explained" (from 3:13:43 on): it falls in chapter 13 "Deploying Stateful Apps with StatefulSet" — correct the timestamp, or move the topic to out-of-order.md`,
  ],
  'after-chapter': [
    `${F('after-chapter')}:13:1  timestamp 3:01:58 is after chapter 12 "Persisting Data in K8s with Volumes" (2:38:07 up to 2:58:38): it falls in chapter 13 "Deploying Stateful Apps with StatefulSet" — correct the timestamp, or move the topic to out-of-order.md`,
  ],
  'at-next-chapter': [
    `${F('at-next-chapter')}:13:1  timestamp 2:38:07 is after chapter 11 "Helm - Package Manager" (2:24:17 up to 2:38:07): it falls in chapter 12 "Persisting Data in K8s with Volumes", at its start — correct the timestamp, or move the topic to after-chapter.md`,
  ],
  'out-of-order': [
    `${F('out-of-order')}:13:1  warning: timestamp 2:58:38 goes back from 3:01:58, the timestamp of the topic before it (line 7) — put the topics in the order of the video, or correct the timestamp`,
  ],
  'back-wrong-chapter': [
    `${F('back-wrong-chapter')}:3:1  warning: BACK leads to at-next-chapter.html, but chapter 10 "K8s Ingress explained" is the first chapter with a page: its BACK leads to the course contents — link to index.html`,
    `${F('back-wrong-chapter')}:11:1  warning: BACK leads to at-next-chapter.html, but chapter 10 "K8s Ingress explained" is the first chapter with a page: its BACK leads to the course contents — link to index.html`,
  ],
  'not-in-course': [`${F('not-in-course')}:1:1  warning: no chapter of the course names the page "not-in-course" — add "page": "not-in-course" to its chapter in course.json`],
};

test('the fixture course file itself is sound', () => {
  expect(courseProblems.list).toEqual([]);
  expect(Object.keys(CATALOGUE).sort()).toEqual(NAMES);
});

for (const [name, expected] of Object.entries(CATALOGUE)) {
  test(`against the course: ${name}`, () => {
    expect(composed(name).problems).toEqual(expected);
  });
}

test('the project’s own notes lie within their chapters, in order, each BACK to the previous chapter', () => {
  const notes = parseCourse('notes/course.json', readFileSync('notes/course.json', 'utf8')).course;
  const pages = ['statefulsets', 'volumes'].map((name) => parsePage(`notes/${name}.md`, readFileSync(`notes/${name}.md`, 'utf8')).page);
  const pictureFiles = new Set(readdirSync('pict'));
  const diagramSources = new Map([...pictureFiles].filter((f) => f.endsWith('.dot')).map((f) => [f, readFileSync(`pict/${f}`, 'utf8')]));
  const context: DeckContext = { course: notes, pages: new Map(pages.map((p) => [p.name, p.title])), pictureFiles, diagramSources };
  expect(pages.map((page) => composeDeck(page, context).problems.list.map(formatProblem))).toEqual([[], []]);
});

test('NEXT leads to the next chapter that has a page; after the last, to the course contents', () => {
  const next = (name: string, context?: DeckContext) => {
    const last = composed(name, context).deck.slides.at(-1)!;
    return last.kind === 'agenda' ? undefined : last.next;
  };
  expect(next('back-wrong-chapter')).toEqual({ href: 'at-next-chapter.html', label: 'NEXT ▶', title: "On to A timestamp at the next chapter's start" });
  expect(['at-next-chapter', 'after-chapter', 'out-of-order'].map((name) => next(name)?.href)).toEqual(['after-chapter.html', 'out-of-order.html', 'before-chapter.html']);
  expect(next('before-chapter')).toEqual({ href: 'index.html', label: 'NEXT ▶', title: 'On to the course contents' });
  expect(next('not-in-course')?.href).toBe('index.html');
  // A chapter whose page is not there (no deck) is passed over, by NEXT and by the BACK expected.
  const without = contextOf(NAMES.filter((name) => name !== 'after-chapter'));
  expect(next('at-next-chapter', without)?.href).toBe('out-of-order.html');
  const skipping = readFileSync(F('out-of-order'), 'utf8').replace('[[BACK](after-chapter.html)]', '[[BACK](at-next-chapter.html)]');
  const found = composeDeck(parsePage(F('out-of-order'), skipping).page, without).problems.list.map(formatProblem);
  expect(found.filter((p) => p.includes('BACK'))).toEqual([]);
  expect(composed('out-of-order', without).problems.filter((p) => p.includes('BACK'))).toEqual([
    `${F('out-of-order')}:3:1  BACK target "after-chapter.html" is not a page of the course — link to one of: at-next-chapter.html, back-wrong-chapter.html, before-chapter.html, not-in-course.html, out-of-order.html, index.html`,
  ]);
});

test('only the last slide carries NEXT; a deck of one slide has it on its title slide', () => {
  const { deck } = composed('out-of-order');
  expect(deck.slides.map((s) => (s.kind !== 'agenda' && s.next ? s.next.href : '-'))).toEqual(['-', '-', 'before-chapter.html']);
  const alone = parsePage('notes/alone.md', '<!--METADATA {"title": "Alone"} -->\n\n[[BACK](index.html)]\n');
  const single = composeDeck(alone.page, contextOf(NAMES)).deck;
  expect(single.slides).toHaveLength(1);
  expect(single.slides[0]!.kind === 'title' && single.slides[0]!.next?.href).toBe('index.html');
});

const courseFile = (chapters: string, extra = '') => `{"title": "T", "author": "A", "videoId": "X48VuDVv0do",${extra}\n"chapters": [\n${chapters}\n]}`;

test('"duration" ends the last chapter: a timestamp after it falls in no chapter', () => {
  const source = courseFile('{"title": "One", "start": "0:00"},\n{"title": "Two", "start": "2:18", "page": "two"}', '\n"duration": "5:20",');
  const { course: timed, problems } = parseCourse('course.json', source);
  expect(problems.list).toEqual([]);
  expect(timed.duration).toEqual({ label: '5:20', seconds: 320 });
  expect(chapterAt(timed, 319)?.title).toBe('Two');
  expect(chapterAt(timed, 320)).toBeUndefined();
  const page = parsePage('notes/two.md', '<!--METADATA {"title": "Two"} -->\n\n[[BACK](index.html)]\n\n# A\n\n[2:18](https://youtu.be/X48VuDVv0do?t=138)\n\n# B\n\n[5:20](https://youtu.be/X48VuDVv0do?t=320)\n').page;
  const found = composeDeck(page, { course: timed, pages: new Map([['two', 'Two']]), pictureFiles: new Set(), diagramSources: new Map() }).problems.list.map(formatProblem);
  expect(found).toEqual(['notes/two.md:11:1  timestamp 5:20 is after chapter 2 "Two" (2:18 up to 5:20): it falls in no chapter (after the end of the video) — correct the timestamp']);
});

test('the course file: chapters out of order and a duration that is no time are errors at their lines', () => {
  const source = courseFile('{"title": "One", "start": "2:18"},\n{"title": "Two", "start": "0:10"}', '\n"duration": "soon",');
  expect(parseCourse('course.json', source).problems.list.map(formatProblem)).toEqual([
    'course.json:5:1  chapter 2 "Two" starts at 0:10, not after chapter 1 (2:18) — list the chapters in the order of the video, each with its own start',
    'course.json:2:1  "duration" is not a time — write the video\'s length as "H:MM:SS"',
  ]);
});
