// A picture file is what its content says, not its name: a file named `x.png` that holds no PNG (a
// renamed document, a page of HTML) is refused at its file.
import { formatByName, pictureFormat } from '../pictures/safe-picture.ts';
import type { Problems } from '../problems.ts';

/** Reports a picture file whose content is not the format its name gives. */
export function checkPictureFormat(file: string, bytes: Uint8Array, problems: Problems): void {
  const named = formatByName(file);
  const found = pictureFormat(bytes);
  if (found === named) return;
  problems.error(
    { file, line: 1, col: 1 },
    `the picture is named as ${named?.toUpperCase() ?? 'a picture'} but its content is ${found ? `${found.toUpperCase()}` : 'no PNG, JPEG, GIF, WebP or SVG picture'}`,
    found ? `rename it to ${file.replace(/\.[^.]+$/, `.${found === 'jpeg' ? 'jpg' : found}`)}` : 'save the picture again as PNG, JPEG, GIF, WebP or SVG',
  );
}
