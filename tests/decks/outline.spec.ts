// Both decks teach their chapter from first topic to last: the topics of the video's chapter, in order
// (the course's chapter outline), each with presenter notes.
import { expect, test } from '@playwright/test';
import { deckFacts } from './deck.ts';
import { bare, expectedDeck, topicOf } from './notes.ts';

const OUTLINE: Record<string, string[]> = {
  volumes: [
    'The need for persistent storage & storage requirements',
    'Persistent Volume (PV)',
    'Local vs Remote Volume Types',
    'Who creates the PV and when?',
    'Persistent Volume Claim (PVC)',
    'Levels of volume abstractions',
    'ConfigMap and Secret as volume types',
    'Storage Class (SC)',
  ],
  statefulsets: [
    'What is StatefulSet? Difference of stateless and stateful applications',
    'Deployment of stateful and stateless apps',
    'Deployment vs StatefulSet',
    'Pod Identity',
    'Scaling database applications: Master and Worker Pods',
    'Pod state, Pod Identifier',
    '2 Pod endpoints',
  ],
};

/** The only start times the course's chapter list and the seed page give. */
const KNOWN_TIMESTAMPS: Record<string, Record<string, string>> = {
  volumes: { 'The need for persistent storage & storage requirements': '2:38:07' },
  statefulsets: {
    'What is StatefulSet? Difference of stateless and stateful applications': '2:58:38',
    'Deployment vs StatefulSet': '3:01:58',
  },
};

for (const [name, outline] of Object.entries(OUTLINE)) {
  test.describe(`${name}: the whole chapter`, () => {
    test('its topics are the chapter outline, in order: in the notes and on the slides', async ({ browser, baseURL }) => {
      expect(expectedDeck(name).topics.map((t) => t.heading)).toEqual(outline);
      const topics = (await deckFacts({ browser, baseURL }, name)).slides.filter((s) => s.classes.includes('topic')).map((s) => topicOf(s.heading));
      expect(topics.filter((heading, i) => heading !== topics[i - 1])).toEqual(outline);
    });

    test('only known timestamps, never an estimated one: in the notes and on the slides', async ({ browser, baseURL }) => {
      const stamps = Object.fromEntries(expectedDeck(name).topics.flatMap((t) => (t.timestamp ? [[t.heading, t.timestamp.label]] : [])));
      expect(stamps).toEqual(KNOWN_TIMESTAMPS[name]);
      // Every slide's timestamp chip, the title slide's included, names one of them.
      const { slides } = await deckFacts({ browser, baseURL }, name);
      const shown = slides.flatMap((s) => (s.timestamp ? [[topicOf(s.heading), s.timestamp.label]] : []));
      const known = Object.values(KNOWN_TIMESTAMPS[name]!).map((label) => `▶ ${label}`);
      expect(shown.length).toBeGreaterThanOrEqual(known.length);
      for (const [heading, label] of shown) expect(known, heading).toContain(label);
      expect(Object.fromEntries(shown.filter(([heading]) => outline.includes(heading!)))).toEqual(Object.fromEntries(Object.entries(KNOWN_TIMESTAMPS[name]!).map(([h, l]) => [h, `▶ ${l}`])));
    });

    test('every topic slide has its topic\'s presenter notes, as the notes page writes them, and every picture its alt text', async ({ browser, baseURL }) => {
      const expected = expectedDeck(name);
      // Every topic of the notes has notes of two sentences or more.
      for (const topic of expected.topics) expect(topic.notes.join(' ').split(/[.!?](\s|$)/).filter((s) => s.trim()).length, topic.heading).toBeGreaterThanOrEqual(2);
      const { slides } = await deckFacts({ browser, baseURL }, name);
      const topics = slides.flatMap((s, i) => (s.classes.includes('topic') ? [{ slide: i + 1, heading: topicOf(s.heading), notes: s.notes, alts: s.pictures.map((p) => p.alt) }] : []));
      expect(topics.length).toBeGreaterThanOrEqual(outline.length);
      for (const { slide, heading, notes, alts } of topics) {
        expect(notes.map(bare), `notes of slide ${slide}`).toEqual(expected.topics.find((t) => t.heading === heading)?.notes);
        for (const alt of alts) expect(alt.length, `alt text on slide ${slide}`).toBeGreaterThan(20);
      }
    });

    test('at least one diagram per topic slide that has a picture, drawn from its DOT source', async ({ browser, baseURL }) => {
      const sources = (await deckFacts({ browser, baseURL }, name)).slides.flatMap((s) => s.pictures.map((p) => p.src));
      expect(sources.length).toBeGreaterThanOrEqual(3);
      for (const src of sources) expect(src).toMatch(/^pict\/[\w-]+\.svg$/);
    });
  });
}
