// Pictures: where a notes reference (`pict/x.png`) comes from, and diagrams drawn from Graphviz DOT.
// No file I/O: the caller passes the picture folder's listing, the sources and the font bytes (Graphviz
// lays diagrams out in a worker thread: graphviz.ts).
import type { SourcePosition } from '../problems.ts';
import { layoutDot, LayoutError, type Layout } from './graphviz.ts';
import { safeSvg } from './safe-picture.ts';

export const PICTURE_DIR = 'pict';
const RASTER = /\.(png|jpe?g|gif|webp|svg)$/i;

export interface PictureSource {
  /** The file in the picture folder the picture is made from (`x.dot` or `x.png`). */
  source: string;
  /** What the slides reference, relative to the deck (`pict/x.svg`). */
  output: string;
  /** Drawn from DOT (Graphviz) or Mermaid by the build, or copied as it is. */
  kind: 'diagram' | 'mermaid' | 'file';
  /** A diagram written in the notes page: its code, and where it starts (else it is a file of the picture folder). */
  code?: string;
  at?: SourcePosition;
}

/** The file a picture reference names in the picture folder (`pict/NAME`, `./pict/NAME`); undefined for any other path. */
export function pictureFile(src: string): string | undefined {
  return /^(?:\.\/)?pict\/([^/\\?#]+)$/.exec(src.trim())?.[1];
}

/**
 * Resolves a picture reference of the notes. `pict/x.png` is, in this order: the file `x.png` of the
 * picture folder when it exists, else the diagram `x.dot`, drawn as `pict/x.svg` (a vector picture stays
 * sharp on a projector and in the PDF). Undefined when the reference leaves the picture folder or
 * neither file exists.
 */
export function resolvePicture(src: string, available: ReadonlySet<string>): PictureSource | undefined {
  const file = pictureFile(src);
  if (file === undefined) return undefined;
  if (available.has(file) && RASTER.test(file)) return { source: file, output: `${PICTURE_DIR}/${file}`, kind: 'file' };
  const stem = file.replace(/\.[^.]+$/, '');
  if (available.has(`${stem}.dot`)) return { source: `${stem}.dot`, output: `${PICTURE_DIR}/${stem}.svg`, kind: 'diagram' };
  return undefined;
}

/** The format of a referenced picture file that exists but that browsers cannot show (`BMP`, `TIFF`). */
export function unusableFormat(src: string, available: ReadonlySet<string>): string | undefined {
  const file = pictureFile(src);
  if (!file || !available.has(file) || RASTER.test(file) || file.endsWith('.dot')) return undefined;
  return (/\.([^.]+)$/.exec(file)?.[1] ?? 'extensionless').toUpperCase();
}

/** The alt text a diagram carries in a `// alt: …` comment line. */
export function diagramAlt(dot: string): string | undefined {
  return /^\s*\/\/\s*alt:\s*(.+?)\s*$/m.exec(dot)?.[1];
}

/** One visual style for every diagram: set as defaults, so a diagram may still override them. */
export const DIAGRAM_STYLE = [
  'graph [fontname="Arimo" fontsize=18 bgcolor="transparent" pad=0.25 nodesep=0.5 ranksep=0.6]',
  'node [fontname="Arimo" fontsize=18 shape=box style="rounded,filled" fillcolor="#E0ECFF" color="#1D4ED8" fontcolor="#0F172A" penwidth=1.6 margin="0.22,0.12"]',
  'edge [fontname="Arimo" fontsize=15 color="#334155" fontcolor="#334155" penwidth=1.6 arrowsize=0.9]',
].join('; ');

/**
 * The fonts of a diagram: the `@font-face` rules that draw every character of `text` (its labels), and
 * the `font-family` list to draw them with (Arimo, then fonts for what Arimo lacks; no system font).
 */
export interface DiagramFonts {
  faces(text: string): Promise<string>;
  stack: string;
}

export class DiagramError extends Error {
  constructor(
    message: string,
    readonly line: number,
  ) {
    super(message);
  }
}

/** Draws a DOT source as a self-contained SVG (its font embedded: an `<img>` SVG cannot load fonts). */
export async function drawDiagram(dot: string, fonts: DiagramFonts): Promise<string> {
  return (await drawnDiagram(dot, fonts)).svg;
}

/**
 * A DOT source drawn as a self-contained SVG, with Graphviz's warnings: what it drew otherwise than
 * written (a node it took out of its cluster, an attribute it does not know), which the build reports.
 */
export async function drawnDiagram(dot: string, fonts: DiagramFonts): Promise<Layout> {
  // The defaults go on the line of the opening brace, so Graphviz's line numbers stay the file's.
  const styled = dot.replace('{', `{ ${DIAGRAM_STYLE};`);
  let svg: string;
  let warnings: string[];
  try {
    ({ svg, warnings } = await layoutDot(styled));
  } catch (error) {
    if (!(error instanceof LayoutError)) throw error;
    const message = error.message.trim();
    const line = Number(/line (\d+)/.exec(message)?.[1] ?? 1);
    throw new DiagramError(message.replace(/^Error:\s*/, ''), line);
  }
  // Graphviz draws nothing, silently, from a source without a graph: an emptied file, or one read
  // half-saved by `npm start`, would show as an empty picture.
  if (!svg.includes('<svg')) throw new DiagramError('the file holds no graph (is it empty?)', 1);
  // A DOT URL=, href=, image= or stylesheet= would put links, pictures and stylesheets of elsewhere in it.
  return { svg: await embedFonts(safeSvg(svg), fonts), warnings };
}

/** The text a drawn diagram shows: its `<text>` elements, their entities read. */
export function diagramText(svg: string): string {
  const entities: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
  return [...svg.matchAll(/<text\b[^>]*>([\s\S]*?)<\/text>/g)]
    .map(([, text = '']) => text.replace(/<[^>]*>/g, '').replace(/&(#x[0-9a-f]+|#\d+|\w+);/gi, (all, name: string) => {
      if (name.startsWith('#')) return String.fromCodePoint(name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : Number(name.slice(1)));
      return entities[name] ?? all;
    }))
    .join('\n');
}

/** The diagram's fonts embedded in a drawn SVG (a picture shown by `<img>` cannot load fonts). */
export async function embedFonts(svg: string, fonts: DiagramFonts): Promise<string> {
  // Graphviz names the font on each <text>; the stack adds the fonts for what Arimo lacks.
  const style = `<defs><style>${await fonts.faces(diagramText(svg))}\ntext{font-family:${fonts.stack}}</style></defs>`;
  return svg.replace(/(<svg\b[^>]*>)/, `$1\n${style}`);
}

/**
 * A picture of a drawn diagram's size and nothing else, as a data URL: its `<svg>` element with every
 * attribute (width, height, viewBox: what an `<img>` takes its size from) and no content. Fitting lays
 * the slides out with it in place of the diagram, which is laid out the same but loads ~10 ms sooner
 * (its fonts are not decoded). Undefined when the diagram does not give its size as attributes.
 */
export function diagramStandIn(svg: string): string | undefined {
  const root = /<svg\b[^>]*>/.exec(svg)?.[0];
  if (!root || !/\swidth="/.test(root) || !/\sheight="/.test(root)) return undefined;
  return `data:image/svg+xml,${encodeURIComponent(root.replace(/\s*\/?>$/, '/>'))}`;
}

export function pictureAt(file: string, line: number): SourcePosition {
  return { file, line, col: 1 };
}
