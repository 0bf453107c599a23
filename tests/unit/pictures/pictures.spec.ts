import { readdirSync, readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { diagramFonts, FontBook } from '../../../scripts/build/fonts.ts';
import { diagramAlt, DiagramError, diagramStandIn, diagramText, drawDiagram } from '../../../scripts/pictures/pictures.ts';

/** Fonts that record the text they were asked for and give a rule naming it. */
const asked: string[] = [];
const fonts = {
  faces: (text: string) => {
    asked.push(text);
    return Promise.resolve(`@font-face{font-family:"Arimo";src:url(data:font/woff;base64,AAAA) format("woff")}`);
  },
  stack: "'Arimo', 'Twemoji'",
};

test('a diagram is drawn as SVG text in the course style, its font embedded', async () => {
  const svg = await drawDiagram('// alt: x\ndigraph g {\n  app -> db [label="forwards"];\n}\n', fonts);
  expect(svg).toMatch(/^<\?xml/);
  expect(svg).toContain('>app</text>');
  expect(svg).toContain('>forwards</text>');
  expect(svg).toContain('font-family="Arimo"');
  expect(svg).toContain('@font-face{font-family:"Arimo";src:url(data:font/woff;base64,AAAA)');
  expect(svg).toContain("text{font-family:'Arimo', 'Twemoji'}");
  expect(svg).not.toMatch(/https?:\/\/(?!www\.w3\.org)/);
});

test('a diagram asks for the fonts of the text it shows, its entities read', async () => {
  asked.length = 0;
  const svg = await drawDiagram('digraph g { a [label="Pod & 🚀"]; b [label="Узел"] }', fonts);
  expect(asked).toHaveLength(1);
  expect(asked[0]).toContain('Pod & 🚀');
  expect(asked[0]).toContain('Узел');
  expect(diagramText('<text x="1">a &amp; &#x1F680; &#1059;</text>')).toBe('a & 🚀 У');
  expect(svg).toContain('Pod &amp; 🚀');
});

test('a diagram may override the course style', async () => {
  const svg = await drawDiagram('digraph g { db [fillcolor="#FEF3C7"] }', fonts);
  expect(svg).toContain('fill="#fef3c7"');
});

test('a diagram file without a graph (empty, or only a comment) is an error at its first line, not an empty picture', async () => {
  for (const source of ['', '\n', '// alt: a picture still to draw\n']) {
    const error = await drawDiagram(source, fonts).catch((e: unknown) => e);
    expect(error, JSON.stringify(source)).toBeInstanceOf(DiagramError);
    expect((error as DiagramError).line).toBe(1);
    expect((error as DiagramError).message).toMatch(/no graph/);
  }
});

test('a diagram\'s stand-in, which fitting shows in its place, is laid out at the diagram\'s size', async ({ page }) => {
  const sources = readdirSync('pict').filter((file) => file.endsWith('.dot'));
  const drawn = [...sources.map((file) => readFileSync(`pict/${file}`, 'utf8')), 'digraph g { graph [size="2,1!" ratio=fill]; a -> b }'];
  const pairs: [string, string][] = [];
  const real = diagramFonts(await FontBook.open());
  for (const dot of drawn) {
    const svg = await drawDiagram(dot, real);
    const standIn = diagramStandIn(svg);
    expect(standIn, dot).toBeDefined();
    expect(standIn!.length).toBeLessThan(svg.length / 50);
    pairs.push([`data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`, standIn!]);
  }
  // Each at its own size, and squeezed into a box as a slide's picture column does.
  const sizes = await page.evaluate(async (pairs) => {
    document.body.innerHTML = pairs.map(([a, b]) => `<div><img src="${a}"><img src="${b}"></div><div style="width: 200px; height: 120px"><img style="max-width: 100%; max-height: 100%" src="${a}"><img style="max-width: 100%; max-height: 100%" src="${b}"></div>`).join('');
    await Promise.all([...document.images].map((image) => image.decode()));
    return [...document.querySelectorAll('div')].map((div) => [...div.querySelectorAll('img')].map((image) => [image.naturalWidth, image.naturalHeight, image.getBoundingClientRect().width, image.getBoundingClientRect().height]));
  }, pairs);
  expect(sizes).toHaveLength(drawn.length * 2);
  for (const [diagram, standIn] of sizes) expect(standIn).toEqual(diagram);
});

test('an SVG that does not give its size as attributes has no stand-in', () => {
  expect(diagramStandIn('<svg viewBox="0 0 10 10" xmlns="http://www.w3.org/2000/svg"><rect/></svg>')).toBeUndefined();
  expect(diagramStandIn('no picture')).toBeUndefined();
});

test('a DOT syntax error names its line', async () => {
  const broken = '// alt: x\ndigraph g {\n  a -> b;\n  c -> ;\n}\n';
  const error = await drawDiagram(broken, fonts).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(DiagramError);
  expect((error as DiagramError).line).toBe(4);
  expect((error as DiagramError).message).toMatch(/syntax error/);
});

test('the alt text is the diagram\'s `// alt:` line', () => {
  expect(diagramAlt('// alt: Pods and their volumes\ndigraph g {}')).toBe('Pods and their volumes');
  expect(diagramAlt('digraph g {}')).toBeUndefined();
});
