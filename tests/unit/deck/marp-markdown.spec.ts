import { readFileSync } from 'node:fs';
import { Marp } from '@marp-team/marp-core';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { externalLinksInNewTab, html, options, reuseThemeCss } from '../../../marp.config.mjs';
import type { Course } from '../../../scripts/notes/course.ts';
import { composeDeck, type DeckContext } from '../../../scripts/deck/deck.ts';
import { emitMarpMarkdown, escapeText } from '../../../scripts/deck/marp-markdown.ts';
import { parsePage } from '../../../scripts/notes/page.ts';

const course: Course = {
  title: 'Kubernetes Tutorial for Beginners',
  author: 'TechWorld with Nana',
  videoId: 'X48VuDVv0do',
  chapters: [
    { number: 12, title: 'Volumes', start: '2:38:07', seconds: 9487, page: 'volumes' },
    { number: 13, title: 'StatefulSet', start: '2:58:38', seconds: 10718, page: 'statefulsets' },
  ],
};
const context: DeckContext = {
  course,
  pages: new Map([['volumes', 'K8s Volumes'], ['statefulsets', 'K8s StatefulSets']]),
  pictureFiles: new Set(['stateful_and_stateless_apps.dot']),
  diagramSources: new Map([['stateful_and_stateless_apps.dot', '// alt: Apps and a database\ndigraph g { a -> b }']]),
};

function seedMarkdown(extra = ''): string {
  const source = readFileSync('tests/fixtures/seed/statefulsets.md', 'utf8') + extra;
  const { deck, problems } = composeDeck(parsePage('notes/statefulsets.md', source).page, context);
  expect(problems.errors).toEqual([]);
  return emitMarpMarkdown(deck);
}

/** Renders with marp-core and the project's Marp settings, as marp-cli does (the theme compiled once). */
function render(markdown: string) {
  return reuseThemeCss(new Marp({ ...options, html, script: false }).use(externalLinksInNewTab)).render(markdown);
}

test.describe('the emitted Marp Markdown', () => {
  test('has Marp front matter with the course theme and the page title', () => {
    const frontMatter = seedMarkdown().split('\n---\n')[0]!;
    expect(frontMatter).toMatch(/^---\nmarp: true\n/);
    expect(frontMatter).toContain('theme: course');
    expect(frontMatter).toContain('title: "K8s StatefulSets"');
    expect(frontMatter).toContain('lang: en');
  });

  test('a title is text, never markup', () => {
    expect(escapeText('<b>K8s</b> *x* [a](b)')).toBe('&lt;b&gt;K8s&lt;/b&gt; \\*x\\* \\[a\\]\\(b\\)');
  });
});

let seedPage: Promise<Page> | undefined;
/** The seed page's deck rendered into a page, once in each worker: the tests below only read it. */
function renderedSeed(browser: Browser): Promise<Page> {
  seedPage ??= browser.newPage().then(async (page) => {
    await page.setContent(render(seedMarkdown()).html);
    return page;
  });
  return seedPage;
}

test.describe('the emitted deck rendered by marp-core', () => {
  test('title, agenda and one slide per topic, the empty topic included', async ({ browser }) => {
    const page = await renderedSeed(browser);
    const headings = await page.locator('section').evaluateAll((sections) => sections.map((s) => s.querySelector('h1')?.textContent));
    expect(headings).toEqual(['K8s StatefulSets', 'Agenda', 'K8s StatefulSets', 'Deployment vs StatefulSet']);
  });

  test('agenda links point at the topic slides', async ({ browser }) => {
    const page = await renderedSeed(browser);
    const links = await page.locator('section.agenda a').evaluateAll((as) => as.map((a) => [a.textContent, a.getAttribute('href')]));
    expect(links).toEqual([
      ['K8s StatefulSets', '#3'],
      ['Deployment vs StatefulSet', '#4'],
    ]);
  });

  test('timestamps are links labelled with their time that open the video at that second in a new tab', async ({ browser }) => {
    const page = await renderedSeed(browser);
    const links = await page.locator('section.topic a.timestamp').evaluateAll((as) =>
      as.map((a) => [a.textContent, a.getAttribute('href'), a.getAttribute('target'), a.getAttribute('rel')]),
    );
    expect(links).toEqual([
      ['▶ 2:58:38', 'https://youtu.be/X48VuDVv0do?t=10718', '_blank', 'noopener'],
      ['▶ 3:01:58', 'https://youtu.be/X48VuDVv0do?t=10918', '_blank', 'noopener'],
    ]);
  });

  test('the floated picture is a right-hand column beside the text, drawn from its diagram', async ({ browser }) => {
    const page = await renderedSeed(browser);
    const column = page.locator('section').nth(2).locator('div.columns');
    await expect(column.locator('div.text p').first()).toContainText('StatefulSet is used specifically');
    await expect(column.locator('div.picture img')).toHaveAttribute('src', 'pict/stateful_and_stateless_apps.svg');
    await expect(column.locator('div.picture img')).toHaveAttribute('alt', 'Apps and a database');
  });

  test('BACK is on the first and on the last slide', async ({ browser }) => {
    const page = await renderedSeed(browser);
    const backs = await page.locator('section').evaluateAll((sections) => sections.map((s) => s.querySelector('a.back')?.getAttribute('href') ?? null));
    expect(backs).toEqual(['volumes.html', null, null, 'volumes.html']);
  });

  test('NEXT is on the last slide only, beside BACK in the bottom row; after the last chapter with a page it leads to the course contents', async ({ browser }) => {
    const page = await renderedSeed(browser);
    const rows = await page.locator('section').evaluateAll((sections) =>
      sections.map((s) => [...s.querySelectorAll('a.back, a.next')].map((a) => `${a.closest('p')?.className} ${a.className} ${a.getAttribute('href')} ${a.textContent}`)),
    );
    expect(rows).toEqual([['links back volumes.html ◀ BACK'], [], [], ['back-bottom back volumes.html ◀ BACK', 'back-bottom next index.html NEXT ▶']]);
  });

  test('no construct of the notes leaks as text', async ({ browser }) => {
    const page = await renderedSeed(browser);
    const text = await page.locator('body').innerText();
    for (const construct of ['METADATA', '[TOC]', '[BACK]', '<img', '<p', 'clear: both', 'float']) expect(text, construct).not.toContain(construct);
  });

  test('presenter notes come from the topic comments; METADATA is never a note', () => {
    const { comments } = render(seedMarkdown('\n<!-- Say what a StatefulSet is for. -->\n'));
    expect(comments.flat().join('\n')).not.toContain('METADATA');
    expect(comments[3]).toEqual(['Say what a StatefulSet is for.']);
  });
});

test('emoji, CJK, right-to-left text and tabs come through as written; emoji stay Unicode text', async ({ page }) => {
  const source = '<!--METADATA {"title": "Pods 🚀 ポッド"} -->\n\n[[BACK](volumes.html)]\n\n# 漢字 and עברית\n\n\tA tab-indented line is code.\n\nRocket 🚀 :rocket: and שלום.\n';
  const { deck } = composeDeck(parsePage('notes/statefulsets.md', source).page, context);
  const { html: rendered } = render(emitMarpMarkdown(deck));
  await page.setContent(rendered);
  await expect(page.locator('section').first().locator('h1')).toHaveText('Pods 🚀 ポッド');
  await expect(page.locator('section').nth(1).locator('h1')).toHaveText('漢字 and עברית');
  await expect(page.locator('section').nth(1).locator('pre')).toContainText('A tab-indented line is code.');
  await expect(page.locator('section').nth(1)).toContainText('Rocket 🚀 🚀 and שלום.');
  expect(rendered).not.toContain('twemoji');
  expect(await page.locator('img').count()).toBe(0);
});
