// Drawing the diagrams a build's decks show: Graphviz diagrams of the picture folder or written in a
// page (```dot), and Mermaid diagrams written in a page, drawn in the session's Chromium. A diagram
// drawn before (this session, or any build with the same identity) is read back, not drawn again,
// with what Graphviz warned of when it drew it (reported by every build, not only the one that drew it).
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Chromium } from '../browser/chromium.ts';
import { diagramKey, type FileCache } from './cache.ts';
import type { Deck } from '../deck/deck.ts';
import type { Sources } from '../notes/sources.ts';
import { DiagramError, drawnDiagram, type DiagramFonts, type PictureSource } from '../pictures/pictures.ts';
import type { Layout } from '../pictures/graphviz.ts';
import type { Problems } from '../problems.ts';
import { requireFromProject } from '../project.ts';
import { openMermaid, type MermaidDrawer } from '../render/mermaid.ts';
import { startGraphviz } from '../pictures/graphviz.ts';

/** What to do about a Graphviz warning: its commonest one in notes (a cluster emptied by `rank=same`) by name. */
function graphvizHint(warning: string): string {
  if (/already in a rankset, deleted from cluster|removing empty cluster/.test(warning)) {
    return 'a node of a cluster is also in a { rank=same; … } group outside it, so Graphviz took it out of the cluster: put that group inside the cluster';
  }
  return 'fix the DOT source as Graphviz says; until then the picture shows what it drew';
}

/** Graphviz's warnings as the cache keeps them (a JSON list of strings), or undefined when they cannot be read. */
function readWarnings(data: Buffer): string[] | undefined {
  try {
    const warnings: unknown = JSON.parse(data.toString('utf8'));
    return Array.isArray(warnings) && warnings.every((warning) => typeof warning === 'string') ? warnings : undefined;
  } catch {
    return undefined;
  }
}

export class Diagrams {
  /** Drawn diagrams by their code, with Graphviz's warnings: an unchanged diagram is not drawn again. */
  private readonly drawnByCode = new Map<string, Layout>();
  /** The page that draws Mermaid diagrams, once a deck has one. */
  private mermaid: Promise<MermaidDrawer> | undefined;

  constructor(
    private readonly cache: FileCache,
    /** Graphviz's warnings of a drawn diagram, by the same key, when it had any (a JSON list). */
    private readonly warningsCache: FileCache,
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
        const key = diagramKey(identity, code);
        const [svg, saved] = await Promise.all([this.cache.get(key), this.warningsCache.get(key)]);
        // Warnings that cannot be read (a file cut short): the diagram is drawn again, and they are written anew.
        const warnings = saved === undefined ? [] : readWarnings(saved);
        if (svg !== undefined && warnings !== undefined) this.drawnByCode.set(code, { svg: svg.toString('utf8'), warnings });
        return (svg === undefined || warnings === undefined) && picture.kind === 'diagram';
      }),
    );
    if (missing.some(Boolean)) startGraphviz();
  }

  /**
   * Draws every diagram the decks show, before anything is written: a broken one is a problem at its
   * line (of its file, or of the page it is written in); one Graphviz drew otherwise than written, a
   * warning at its start. The drawn SVGs by output path.
   */
  async draw(decks: readonly Deck[], sources: Sources, identity: string, problems: Problems): Promise<Map<string, string>> {
    await this.readBack(decks, sources, identity);
    const drawn = new Map<string, string>();
    for (const picture of this.shown(decks)) {
      const code = this.codeOf(picture, sources);
      // Line `line` of the diagram: of its file, or of the page it is written in.
      const at = (line: number) => (picture.at ? { ...picture.at, line: picture.at.line + line - 1 } : { file: join(this.pictDir, picture.source), line, col: 1 });
      try {
        let layout = this.drawnByCode.get(code);
        if (layout === undefined) {
          layout = picture.kind === 'mermaid' ? { svg: await this.drawMermaid(picture.code!), warnings: [] } : await drawnDiagram(code, this.fonts);
          const key = diagramKey(identity, code);
          if (layout.warnings.length > 0) await this.warningsCache.store(key, JSON.stringify(layout.warnings));
          await this.cache.store(key, layout.svg);
        }
        this.drawnByCode.set(code, layout);
        drawn.set(picture.output, layout.svg);
        for (const warning of layout.warnings) problems.warn(at(1), `Graphviz drew the diagram otherwise than written: ${warning}`, graphvizHint(warning));
      } catch (error) {
        if (!(error instanceof DiagramError)) throw error;
        const language = picture.kind === 'mermaid' ? 'Mermaid' : 'DOT';
        problems.error(at(error.line), `${picture.kind === 'mermaid' ? 'Mermaid' : 'Graphviz'} cannot read the diagram: ${error.message}`, `fix the ${language} syntax at that line`);
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
