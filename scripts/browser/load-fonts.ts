// A page's script that starts every font of the page decoding as soon as its styles are read, so the
// first layout has them (they are `font-display: block`). A load the page leaves unfinished (it
// navigates on, a frame is replaced) rejects: that is no error of the page's, and is not left unhandled
// in its console. The published decks (render/deck-html.ts) and the fitting and print pages
// (memory-page.ts) run it alike: the fitting page lays slides out as the decks do. A module of its own:
// the decks' HTML is written without loading marp-core, which memory-page.ts loads.
export const LOAD_FONTS_NOW = 'document.fonts.forEach((face) => face.load().catch(() => {}));';
