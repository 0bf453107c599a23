// Marp settings shared by `npm run build` and by stock `npx marp` run from this folder.
// PDF options stay out of here on purpose: `pdfOutlines` or `pdfNotes` in a config turn every plain run
// into a PDF run. The build passes them on its PDF run only.
import { Marp } from '@marp-team/marp-core';

/** Marp's default allowlist plus what the notes format uses: `<img style>` and `<p style>`. */
const html = {
  ...Marp.html,
  img: { ...Marp.html.img, style: true },
  p: { ...Marp.html.p, style: true },
};

export default {
  themeSet: ['slides/course.css'],
  lang: 'en',
  html,
  options: {
    // Notes are hard-wrapped prose: a line break in the source is a space, not a <br>.
    markdown: { breaks: false },
    // Emoji stay Unicode text: Marp's default swaps them for twemoji images loaded from a CDN.
    emoji: { shortcode: true, unicode: false },
    // Never render math from notes (it would load fonts from a CDN).
    math: false,
  },
  bespoke: { progress: true },
};
