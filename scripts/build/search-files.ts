// The course search's files beside index.html: MiniSearch's browser build as the package ships it, the
// index of every slide built now, and the search box's script (see render/search-index.ts).
import { readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { Course } from '../notes/course.ts';
import type { Deck } from '../deck/deck.ts';
import { SEARCH_SCRIPTS } from '../render/course-index.ts';
import { SEARCH_CLIENT } from '../render/search-client.ts';
import { requireFromProject } from '../project.ts';

/** MiniSearch's UMD build (it sets `window.MiniSearch`), next to the CommonJS build the package exports. */
function miniSearchBrowserFile(): string {
  return join(dirname(requireFromProject.resolve('minisearch')), '..', 'umd', 'index.js');
}

export async function writeSearchFiles(outDir: string, decks: readonly Deck[], course: Course): Promise<void> {
  const { searchDocuments, searchIndexScript } = await import('../render/search-index.ts');
  await writeFile(join(outDir, SEARCH_SCRIPTS.library), await readFile(miniSearchBrowserFile()));
  await writeFile(join(outDir, SEARCH_SCRIPTS.index), searchIndexScript(searchDocuments(decks, course)));
  await writeFile(join(outDir, SEARCH_SCRIPTS.client), SEARCH_CLIENT);
}
