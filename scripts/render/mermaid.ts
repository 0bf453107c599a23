// Mermaid diagrams written in a notes page (```mermaid), drawn with the mermaid package in the build's
// own Chromium, offline: a page of its own, opened only for a deck that has one, loads mermaid's bundle
// and the diagrams' font from memory and asks nothing of the network. Browser I/O.
import { safeSvg } from '../pictures/safe-picture.ts';
import type { Chromium, ChromiumPage } from '../browser/chromium.ts';
import { newPage } from '../browser/chromium.ts';
import { DiagramError, embedFonts, type DiagramFonts } from '../pictures/pictures.ts';

/** The course palette (pict/README.md) as Mermaid's theme: app boxes blue, objects violet, slate lines. */
const THEME_VARIABLES = {
  fontFamily: 'Arimo',
  fontSize: '18px',
  background: 'transparent',
  primaryColor: '#E0ECFF',
  primaryBorderColor: '#1D4ED8',
  primaryTextColor: '#0F172A',
  secondaryColor: '#EDE9FE',
  secondaryBorderColor: '#6D28D9',
  tertiaryColor: '#F1F5F9',
  tertiaryBorderColor: '#475569',
  lineColor: '#334155',
  textColor: '#0F172A',
  clusterBkg: '#F8FAFC',
  clusterBorder: '#94A3B8',
};

export interface MermaidDrawer {
  draw(code: string): Promise<string>;
  close(): Promise<void>;
}

/** Runs in the page: draws one diagram, or throws mermaid's message. */
async function drawInPage({ code, themeVariables, faces }: { code: string; themeVariables: Record<string, string>; faces: string }): Promise<string> {
  const mermaid = (globalThis as unknown as { mermaid: { initialize(config: object): void; render(id: string, code: string): Promise<{ svg: string }> } }).mermaid;
  // The diagram's fonts, subset to its code's characters: mermaid lays the labels out with them.
  document.getElementById('faces')!.textContent = faces;
  document.body.textContent = code;
  await document.fonts.ready;
  // SVG text, not HTML labels: the picture is shown by <img>, where HTML inside an SVG is not laid out alike.
  mermaid.initialize({ startOnLoad: false, securityLevel: 'strict', theme: 'base', themeVariables, htmlLabels: false, flowchart: { htmlLabels: false } });
  // One id for every drawing: mermaid removes its element once drawn, and the SVG stays the same build after build.
  const { svg } = await mermaid.render('course-diagram', code);
  return svg;
}

/** Opens the drawing page: `bundle` is mermaid's browser bundle, `fonts` the diagrams' font. */
export async function openMermaid(chromium: Chromium, bundle: string, fonts: DiagramFonts): Promise<MermaidDrawer> {
  const page: ChromiumPage = await newPage(chromium);
  await page.setRequestInterception(true);
  page.on('request', (request) => void (request.url() === 'about:blank' ? request.continue() : request.abort()).catch(() => undefined));
  await page.setContent(`<!DOCTYPE html><html><head><style id="faces"></style><style>body{font-family:${fonts.stack}}</style></head><body></body></html>`);
  await page.addScriptTag({ content: bundle });
  return {
    async draw(code) {
      let svg: string;
      try {
        svg = await page.evaluate(drawInPage, { code, themeVariables: THEME_VARIABLES, faces: await fonts.faces(code) });
      } catch (error) {
        const message = String((error as Error).message ?? error).split('\n')[0]!.replace(/^Error:\s*/, '');
        throw new DiagramError(message, Number(/line (\d+)/i.exec(String((error as Error).message))?.[1] ?? 1));
      }
      // Mermaid at securityLevel 'strict' writes no script or handler; what a diagram's text asks for
      // (a `style` or `classDef` with url(), a link) goes as it does from any published SVG. Its palette
      // is a stylesheet of its own, kept.
      return embedFonts(sized(safeSvg(svg, { stylesheets: 'own' })), fonts);
    },
    close: () => page.close(),
  };
}

/**
 * Mermaid draws at `width="100%"` with a `max-width` style; a picture shown by `<img>` takes its size
 * from `width` and `height`, which the viewBox gives.
 */
function sized(svg: string): string {
  return svg.replace(/<svg\b[^>]*>/, (root) => {
    const box = /viewBox="[\d.-]+ [\d.-]+ ([\d.]+) ([\d.]+)"/.exec(root);
    if (!box) return root;
    const [width, height] = [Math.ceil(Number(box[1])), Math.ceil(Number(box[2]))];
    return root.replace(/\swidth="[^"]*"/, '').replace(/\sstyle="[^"]*"/, '').replace(/^<svg/, `<svg width="${width}" height="${height}"`);
  });
}
