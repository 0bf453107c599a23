// The pictures of a deck: each picture of the notes resolved in the picture folder (or, written in the
// page, named after its code), checked, and pointed at what the deck publishes. No I/O.
import { createHash } from 'node:crypto';
import type { ContentBlock, Page, Picture } from '../notes/page.ts';
import { diagramAlt, PICTURE_DIR, pictureFile, resolvePicture, unusableFormat, type PictureSource } from '../pictures/pictures.ts';
import type { Problems } from '../problems.ts';

export interface DeckPicture {
  src: string;
  alt: string;
}

export interface PictureContext {
  pictureFiles: ReadonlySet<string>;
  diagramSources: ReadonlyMap<string, string>;
}

/** A diagram written in the page is published under the page's name and its code's hash: one file per drawing. */
function drawnSource(page: Page, picture: Picture): PictureSource {
  const { language, code } = picture.drawn!;
  const name = `${page.name}-${createHash('sha256').update(`${language}\n${code}`).digest('hex').slice(0, 10)}`;
  return { source: `${name}.${language}`, output: `${PICTURE_DIR}/${name}.svg`, kind: language === 'dot' ? 'diagram' : 'mermaid', code, at: picture.at };
}

/**
 * Resolves the deck's pictures, collecting what the deck publishes in `pictures`. A picture that
 * cannot be shown is an error at its line; one without alt text (none written, none in the diagram)
 * takes `fallbackAlt` (the topic's heading) for a diagram of the page, else is a warning.
 */
export function pictureResolver(page: Page, context: PictureContext, problems: Problems, pictures: Map<string, PictureSource>) {
  return (picture: Picture, fallbackAlt: string): DeckPicture | undefined => {
    const resolved = picture.drawn ? drawnSource(page, picture) : resolvePicture(picture.src, context.pictureFiles);
    const unusable = unusableFormat(picture.src, context.pictureFiles);
    if (!resolved && unusable) {
      problems.error(picture.at, `picture "${picture.src}" is a ${unusable} file, which a deck cannot show`, 'convert it to PNG, JPEG, GIF, WebP or SVG, or draw it as NAME.dot');
      return undefined;
    }
    if (!resolved && pictureFile(picture.src) === undefined) {
      // A path up, an absolute path, a subfolder: never read, whatever is there.
      problems.error(picture.at, `picture "${picture.src}" is not in the picture folder: a deck shows only the pictures of pict/, by name`, 'copy the file into the picture folder and reference it as pict/NAME.png');
      return undefined;
    }
    if (!resolved) {
      problems.error(picture.at, `picture "${picture.src}" exists nowhere`, 'add it to the picture folder as NAME.dot (a Graphviz diagram) or as the image file itself, and reference it as pict/NAME.png');
      return undefined;
    }
    pictures.set(resolved.output, resolved);
    const alt = picture.alt ?? diagramAlt(resolved.code ?? context.diagramSources.get(resolved.source) ?? '') ?? (picture.drawn ? fallbackAlt : undefined);
    if (!alt) problems.warn(picture.at, `picture "${picture.src}" has no alt text`, 'add alt="…" to the <img>, or a "// alt: …" line to the diagram');
    return { src: resolved.output, alt: alt ?? '' };
  };
}

/** A picture as Markdown (its alt text is text: brackets escaped). */
export function pictureMarkdown(picture: DeckPicture): string {
  return `![${picture.alt.replace(/[[\]\\]/g, '\\$&')}](${picture.src})`;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * A block's parts as the deck shows them: a picture standing alone as a figure the theme scales to the
 * room it has, pictures inside the text pointed at what the deck publishes (`pict/x.svg` for a diagram).
 */
export function blockParts(block: ContentBlock, resolve: (picture: Picture) => DeckPicture | undefined): string[] {
  if (block.figure) {
    const shown = resolve(block.figure);
    return shown ? [`<div class="figure">\n\n${pictureMarkdown(shown)}\n\n</div>`] : [];
  }
  let parts = block.parts;
  for (const picture of block.pictures) {
    const shown = resolve(picture);
    if (!shown || shown.src === picture.src) continue;
    const target = new RegExp(`(\\]\\(\\s*<?|src\\s*=\\s*["']?)${escapeRegExp(picture.src)}`, 'g');
    parts = parts.map((part) => part.replace(target, `$1${shown.src}`));
  }
  return parts;
}
