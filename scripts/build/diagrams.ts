// Drawing the diagrams a build's decks show: Graphviz diagrams of the picture folder or written in a
// page (```dot), and Mermaid diagrams written in a page, drawn in the session's Chromium. A diagram
// drawn before (this session, or any build with the same identity) is read back, not drawn again.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Chromium } from '../browser/chromium.ts';
import { diagramKey, type FileCache } from './cache.ts';
import type { Deck } from '../deck/deck.ts';
import type { Sources } from '../notes/sources.ts';
import { DiagramError, drawDiagram, type DiagramFonts, type PictureSource } from '../pictures/pictures.ts';
import type { Problems } from '../problems.ts';
import { requireFromProject } from '../project.ts';
import { openMermaid, type MermaidDrawer } from '../render/mermaid.ts';
import { startGraphviz } from '../pictures/graphviz.ts';

export class Diagrams {
  /** Drawn diagrams by their code: an unchanged diagram is not drawn again. */
  private readonly drawnByCode = new Map<string, string>();
  /** The page that draws Mermaid diagrams, once a deck has one. */
  private mermaid: Promise<MermaidDrawer> | undefined;

  constructor(
    private readonly cache: FileCache,
    private readonly fonts: DiagramFonts,
    private readonly pictDir: string,
    /** The session's Chromium, asked for only when a Mermaid diagram is to be drawn. */
    private readonly browser: () => Promise<Chromium>,
  ) {}

  /** Chromium went (the session closed it): a next Mermaid diagram opens a new page. */
  forgetBrowser(): void {
    this.mermaid = undefined;
  }

  /** The diagrams the decks show (not files of the picture folder), each once. */
  private shown(decks: readonly Deck[]): PictureSource[] {
    return [...new Map(decks.flatMap((d) => d.pictures).map((p) => [p.output, p])).values()].filter((p) => p.kind !== 'file');
  }

  /** A diagram is kept by its code (and, written in the page, its language): pictures of the folder are DOT. */
  private codeOf(picture: PictureSource, sources: Sources): string {
    return picture.kind === 'mermaid' ? `mermaid\n${picture.code}` : (picture.code ?? sources.diagramSources.get(picture.source)!);
  }

  /**
   * Reads back the diagrams drawn before (this session or in the cache), before the fitting page takes
   * the main thread: when a DOT diagram is left to draw, Graphviz starts loading in its worker now.
   */
  async readBack(decks: readonly Deck[], sources: Sources, identity: string): Promise<void> {
    const current = new Set(sources.diagramSources.values());
    const shown = this.shown(decks);
    for (const picture of shown) current.add(this.codeOf(picture, sources));
    for (const code of this.drawnByCode.keys()) if (!current.has(code)) this.drawnByCode.delete(code);
    const missing = await Promise.all(
      shown.map(async (picture) => {
        const code = this.codeOf(picture, sources);
        if (this.drawnByCode.has(code)) return false;
        const svg = (await this.cache.get(diagramKey(identity, code)))?.toString('utf8');
        if (svg !== undefined) this.drawnByCode.set(code, svg);
        return svg === undefined && picture.kind === 'diagram';
      }),
    );
    if (missing.some(Boolean)) startGraphviz();
  }

  /**
   * Draws every diagram the decks show, before anything is written: a broken one is a problem at its
   * line (of its file, or of the page it is written in). The drawn SVGs by output path.
   */
  async draw(decks: readonly Deck[], sources: Sources, identity: string, problems: Problems): Promise<Map<string, string>> {
    await this.readBack(decks, sources, identity);
    const drawn = new Map<string, string>();
    for (const picture of this.shown(decks)) {
      const code = this.codeOf(picture, sources);
      try {
        let svg = this.drawnByCode.get(code);
        if (svg === undefined) {
          svg = picture.kind === 'mermaid' ? await this.drawMermaid(picture.code!) : await drawDiagram(code, this.fonts);
          await this.cache.store(diagramKey(identity, code), svg);
        }
        this.drawnByCode.set(code, svg);
        drawn.set(picture.output, svg);
      } catch (error) {
        if (!(error instanceof DiagramError)) throw error;
        const at = picture.at ? { ...picture.at, line: picture.at.line + error.line - 1 } : { file: join(this.pictDir, picture.source), line: error.line, col: 1 };
        const language = picture.kind === 'mermaid' ? 'Mermaid' : 'DOT';
        problems.error(at, `${picture.kind === 'mermaid' ? 'Mermaid' : 'Graphviz'} cannot read the diagram: ${error.message}`, `fix the ${language} syntax at that line`);
      }
    }
    return drawn;
  }

  /** The page that draws them, with mermaid's bundle (3.5 MB), opens at the first: a course without Mermaid never loads it. */
  private async drawMermaid(code: string): Promise<string> {
    this.mermaid ??= (async () => openMermaid(await this.browser(), await readFile(requireFromProject.resolve('mermaid/dist/mermaid.min.js'), 'utf8'), this.fonts))();
    const drawer = this.mermaid;
    drawer.catch(() => {
      if (this.mermaid === drawer) this.mermaid = undefined;
    });
    try {
      return await (await drawer).draw(code);
    } catch (error) {
      // Not the diagram: the page (or Chromium) went away; the next diagram opens a new one.
      if (!(error instanceof DiagramError) && this.mermaid === drawer) this.mermaid = undefined;
      throw error;
    }
  }
}
