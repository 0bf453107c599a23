// Making a build's decks ready to write: composed from their pages, their diagrams drawn, fitted into
// slides (or read back from the fit cache), with their fonts. Every problem found stops the build, all
// of them reported at once.
import { composeDeck } from '../deck/deck.ts';
import type { CourseTheme } from './course-theme.ts';
import type { Diagrams } from './diagrams.ts';
import type { Fitting } from './fitting.ts';
import type { BuildOptions } from './options.ts';
import { loadRenderer, readPicture, type Prepared } from './outputs.ts';
import { Problems, type Problem } from '../problems.ts';
import type { SessionBrowser } from './session-browser.ts';
import { titlesOf, type SourcePage, type Sources } from '../notes/sources.ts';

/** The parts of a build session that make its decks. */
export interface SessionParts {
  options: BuildOptions;
  theme: CourseTheme;
  browser: SessionBrowser;
  diagrams: Diagrams;
  fitting: Fitting;
}

/**
 * Composes, draws and fits the decks of `wanted`. Stops with every problem found (`found` first: the
 * course file's, for a full build), so one run reports all of them.
 */
export async function prepareDecks({ options, theme, browser, diagrams, fitting }: SessionParts, sources: Sources, wanted: SourcePage[], found: Problem[]): Promise<Prepared> {
  const problems = new Problems();
  problems.list.push(...found, ...wanted.flatMap((p) => p.problems));

  const context = {
    course: sources.course,
    pages: titlesOf(sources),
    pictureFiles: sources.pictureFiles,
    diagramSources: sources.diagramSources,
  };
  const decks = wanted.flatMap(({ page }) => {
    if (!page) return [];
    const composed = composeDeck(page, context);
    problems.list.push(...composed.problems.list);
    return [composed.deck];
  });
  // The course's fonts first (the fitting page needs them); each deck's own are subset while its
  // slides are fitted (fitting adds no character but ASCII).
  if (await theme.useDecks(new Set(sources.pages.map((p) => p.name)), decks)) await browser.useTheme(theme.css);
  const { faces, indexFaces } = theme.facesOf(decks, sources.course, context.pages.values());

  // What each deck is fitted from: a deck fitted before from the same inputs is read back. If any is
  // not, Chromium and the fitting page open now, while the diagrams are drawn.
  const identity = await theme.identity;
  const fitKeys = await fitting.keys(decks, sources, identity, problems);
  const fits = await fitting.cached(fitKeys);
  // A build already stopped by its problems (they are reported once the diagrams are drawn) needs none.
  const stopped = (options.strict ? problems.list : problems.errors).length > 0;
  await diagrams.readBack(decks, sources, identity);
  if (!stopped && fits.some((fit) => fit === undefined)) void browser.openPage().catch(() => undefined);

  const drawn = await diagrams.draw(decks, sources, identity, problems);
  problems.throwIfFailed(options.strict);

  // Fit every slide in the real browser with the real theme, fonts and pictures (a drawn diagram by
  // its stand-in: see diagramStandIn).
  const pictures = new Map<string, string | Uint8Array>(drawn);
  for (const picture of decks.flatMap((d) => d.pictures)) {
    if (picture.kind === 'file') pictures.set(picture.output, await readPicture(options.pictDir, picture.source));
  }
  await browser.showPictures(pictures, drawn);
  // A deck fitted now is rendered next: marp-cli loads while Chromium measures.
  if (fits.some((fit) => fit === undefined)) void loadRenderer().catch(() => undefined);
  // The decks are fitted at once: one's slides are rendered while Chromium measures another's.
  let done = 0;
  const fitted = await Promise.all(
    decks.map(async (deck, i) => {
      const one = fits[i] ?? (await fitting.fit(deck, fitKeys[i]!));
      options.progress?.('fitted', ++done, decks.length);
      return one;
    }),
  );
  for (const [i, { deck, problems: found }] of fitted.entries()) {
    problems.list.push(...found);
    decks[i] = deck;
  }
  // Which characters no font has is known for sure once the deck's fonts are made (see FontBook.faces).
  await Promise.all(faces.values());
  for (const deck of decks) problems.list.push(...(await theme.uncovered(deck)));
  problems.throwIfFailed(options.strict);
  return { course: sources.course, decks, drawn, warnings: problems.warnings, faces, indexFaces };
}
