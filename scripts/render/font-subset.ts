// Subsets a font file to the characters a deck uses, with HarfBuzz's subsetter compiled to WebAssembly
// (`harfbuzzjs`). Loaded only when a subset is not in the build's cache. No file I/O: bytes in, bytes out.
//
// Why not `subset-font` (the usual wrapper of the same WebAssembly): it converts WOFF2 with `wawoff2`,
// compiled C++ that took ~90 ms to load and ~200 ms a file on the build machine, and a 25 MB emoji font
// ~1.4 s. Fontsource ships each file as WOFF (zlib) too: node's own zlib turns it into a font and back in
// a few milliseconds, and HarfBuzz needs only its C API (below). WOFF2 files (the variable CJK fonts,
// which ship no WOFF) are decoded with `wawoff2`, loaded only for them.
import { createRequire } from 'node:module';
import { readFile } from 'node:fs/promises';
import { setFlagsFromString } from 'node:v8';
import { promisify } from 'node:util';
import { deflate, inflate, type ZlibOptions } from 'node:zlib';
import { colrLayers, fontTables, keptGlyphs, subsetColr } from './colr.ts';

const requireHere = createRequire(import.meta.url);
const inflating = promisify(inflate) as (data: Uint8Array) => Promise<Buffer>;
const deflating = promisify(deflate) as (data: Uint8Array, options: ZlibOptions) => Promise<Buffer>;

/** The raw HarfBuzz C API of harfbuzzjs's subsetter module (pointers are numbers into its memory). */
interface HarfBuzz {
  memory: WebAssembly.Memory;
  malloc(size: number): number;
  free(pointer: number): void;
  hb_blob_create(data: number, length: number, mode: number, user: number, destroy: number): number;
  hb_blob_destroy(blob: number): void;
  hb_blob_get_data(blob: number, length: number): number;
  hb_blob_get_length(blob: number): number;
  hb_face_create(blob: number, index: number): number;
  hb_face_destroy(face: number): void;
  hb_face_reference_blob(face: number): number;
  hb_set_add(set: number, value: number): void;
  hb_set_clear(set: number): void;
  hb_set_invert(set: number): void;
  hb_subset_input_create_or_fail(): number;
  hb_subset_input_destroy(input: number): void;
  hb_subset_input_unicode_set(input: number): number;
  hb_subset_input_glyph_set(input: number): number;
  hb_subset_input_get_flags(input: number): number;
  hb_subset_input_set_flags(input: number, flags: number): void;
  hb_subset_input_set(input: number, which: number): number;
  hb_subset_input_pin_axis_location(input: number, face: number, tag: number, value: number): number;
  hb_subset_or_fail(face: number, input: number): number;
  _initialize(): void;
}

let harfbuzz: Promise<HarfBuzz> | undefined;

function loadHarfBuzz(): Promise<HarfBuzz> {
  // V8's baseline compile only (as for Graphviz, see pictures.ts): ~100 ms less to start, a subset as fast.
  setFlagsFromString('--liftoff-only');
  harfbuzz ??= readFile(requireHere.resolve('harfbuzzjs/dist/harfbuzz-subset.wasm'))
    .then((wasm) => WebAssembly.instantiate(wasm))
    .then(({ instance }) => {
      const exports = instance.exports as unknown as HarfBuzz;
      exports._initialize();
      return exports;
    });
  return harfbuzz;
}

const HB_MEMORY_MODE_WRITABLE = 2;
const HB_SUBSET_SETS_LAYOUT_FEATURE_TAG = 6;
const HB_SUBSET_FLAGS_RETAIN_GIDS = 0x2;
const tag = (name: string) => [...name].reduce((value, c) => (value << 8) + c.charCodeAt(0), 0) >>> 0;

/**
 * A WOFF 1.0 file as the font it wraps (each table zlib-compressed, or stored). Tables are inflated and
 * deflated (below) in Node's thread pool: the other core's time, while this thread goes on.
 */
export async function woffToSfnt(woff: Uint8Array): Promise<Buffer> {
  const w = Buffer.from(woff.buffer, woff.byteOffset, woff.byteLength);
  const count = w.readUInt16BE(12);
  const tables = await Promise.all(
    Array.from({ length: count }, async (_, i) => {
      const at = 44 + i * 20;
      const [name, offset, compressed, length, checksum] = [0, 4, 8, 12, 16].map((d) => w.readUInt32BE(at + d)) as [number, number, number, number, number];
      const raw = w.subarray(offset, offset + compressed);
      return { name, checksum, data: compressed < length ? await inflating(raw) : raw };
    }),
  );
  return sfnt(w.readUInt32BE(4), tables);
}

function sfnt(flavor: number, tables: { name: number; checksum: number; data: Uint8Array }[]): Buffer {
  const header = 12 + 16 * tables.length;
  const size = tables.reduce((sum, t) => sum + ((t.data.length + 3) & ~3), header);
  const out = Buffer.alloc(size);
  const power = 2 ** Math.floor(Math.log2(tables.length));
  out.writeUInt32BE(flavor, 0);
  out.writeUInt16BE(tables.length, 4);
  out.writeUInt16BE(power * 16, 6);
  out.writeUInt16BE(Math.log2(power), 8);
  out.writeUInt16BE(tables.length * 16 - power * 16, 10);
  let at = header;
  tables.forEach((table, i) => {
    out.writeUInt32BE(table.name, 12 + i * 16);
    out.writeUInt32BE(table.checksum, 16 + i * 16);
    out.writeUInt32BE(at, 20 + i * 16);
    out.writeUInt32BE(table.data.length, 24 + i * 16);
    out.set(table.data, at);
    at += (table.data.length + 3) & ~3;
  });
  return out;
}

/** A font as WOFF 1.0: each table zlib-compressed (stored when that is not smaller). */
export async function sfntToWoff(font: Uint8Array): Promise<Buffer> {
  const f = Buffer.from(font.buffer, font.byteOffset, font.byteLength);
  const count = f.readUInt16BE(4);
  const tables = await Promise.all(
    Array.from({ length: count }, async (_, i) => {
      const at = 12 + i * 16;
      const data = f.subarray(f.readUInt32BE(at + 8), f.readUInt32BE(at + 8) + f.readUInt32BE(at + 12));
      const packed = await deflating(data, { level: 9 });
      return { name: f.readUInt32BE(at), checksum: f.readUInt32BE(at + 4), data, stored: packed.length < data.length ? packed : data };
    }),
  );
  const header = 44 + 20 * count;
  const size = tables.reduce((sum, t) => sum + ((t.stored.length + 3) & ~3), header);
  const out = Buffer.alloc(size);
  out.write('wOFF', 0, 'latin1');
  out.writeUInt32BE(f.readUInt32BE(0), 4);
  out.writeUInt32BE(size, 8);
  out.writeUInt16BE(count, 12);
  out.writeUInt32BE(tables.reduce((sum, t) => sum + ((t.data.length + 3) & ~3), 12 + 16 * count), 16);
  let at = header;
  tables.forEach((table, i) => {
    const entry = 44 + i * 20;
    out.writeUInt32BE(table.name, entry);
    out.writeUInt32BE(at, entry + 4);
    out.writeUInt32BE(table.stored.length, entry + 8);
    out.writeUInt32BE(table.data.length, entry + 12);
    out.writeUInt32BE(table.checksum, entry + 16);
    out.set(table.stored, at);
    at += (table.stored.length + 3) & ~3;
  });
  return out;
}

let woff2Turn: Promise<unknown> = Promise.resolve();

/**
 * The font a fontsource file wraps: WOFF, or WOFF2 decoded by wawoff2. wawoff2 answers with a view of
 * its own memory, which its next call overwrites: its calls take turns, and each answer is copied.
 */
export async function unwrapFont(file: Uint8Array): Promise<Uint8Array> {
  const signature = Buffer.from(file.subarray(0, 4)).toString('latin1');
  if (signature === 'wOFF') return woffToSfnt(file);
  if (signature !== 'wOF2') return file;
  const wawoff2 = requireHere('wawoff2') as { decompress(data: Uint8Array): Promise<Uint8Array> };
  const decoded = woff2Turn.then(async () => new Uint8Array(await wawoff2.decompress(file)));
  woff2Turn = decoded.catch(() => undefined);
  return decoded;
}

interface Run {
  chars: readonly number[];
  glyphs?: Iterable<number>;
  weight?: number | undefined;
  retainGlyphIds?: boolean;
}

/** One run of HarfBuzz's subsetter over a plain font: the subset, a plain font. */
async function harfBuzzSubset(font: Uint8Array, { chars, glyphs = [], weight, retainGlyphIds = false }: Run): Promise<Uint8Array> {
  const hb = await loadHarfBuzz();
  const heap = () => new Uint8Array(hb.memory.buffer);
  const data = hb.malloc(font.byteLength);
  heap().set(font, data);
  const blob = hb.hb_blob_create(data, font.byteLength, HB_MEMORY_MODE_WRITABLE, 0, 0);
  const face = hb.hb_face_create(blob, 0);
  hb.hb_blob_destroy(blob);
  const input = hb.hb_subset_input_create_or_fail();
  try {
    if (input === 0) throw new Error('HarfBuzz could not start a subset');
    const unicodes = hb.hb_subset_input_unicode_set(input);
    for (const code of chars) hb.hb_set_add(unicodes, code);
    const glyphSet = hb.hb_subset_input_glyph_set(input);
    for (const glyph of glyphs) hb.hb_set_add(glyphSet, glyph);
    const features = hb.hb_subset_input_set(input, HB_SUBSET_SETS_LAYOUT_FEATURE_TAG);
    hb.hb_set_clear(features);
    hb.hb_set_invert(features);
    if (retainGlyphIds) hb.hb_subset_input_set_flags(input, hb.hb_subset_input_get_flags(input) | HB_SUBSET_FLAGS_RETAIN_GIDS);
    if (weight !== undefined) hb.hb_subset_input_pin_axis_location(input, face, tag('wght'), weight);
    const subset = hb.hb_subset_or_fail(face, input);
    if (subset === 0) throw new Error(`HarfBuzz could not subset the font (${chars.length} characters)`);
    const result = hb.hb_face_reference_blob(subset);
    const at = hb.hb_blob_get_data(result, 0);
    const bytes = heap().slice(at, at + hb.hb_blob_get_length(result));
    hb.hb_blob_destroy(result);
    hb.hb_face_destroy(subset);
    return bytes;
  } finally {
    if (input !== 0) hb.hb_subset_input_destroy(input);
    hb.hb_face_destroy(face);
    hb.free(data);
  }
}

/** An OpenType table checksum: the sum of its 32-bit words. */
function checksum(data: Uint8Array): number {
  const padded = Buffer.alloc((data.length + 3) & ~3);
  padded.set(data);
  let sum = 0;
  for (let at = 0; at < padded.length; at += 4) sum = (sum + padded.readUInt32BE(at)) >>> 0;
  return sum;
}

/**
 * A COLR version 0 font subset with its colours: the glyphs of `chars` (and the emoji sequences they
 * form) found by a first run, then kept with their layer glyphs and their glyph ids, and the colour
 * tables cut to them (see colr.ts).
 */
async function colourSubset(font: Uint8Array, chars: readonly number[]): Promise<Uint8Array> {
  const tables = fontTables(font);
  const colr = tables.get('COLR');
  const palettes = tables.get('CPAL');
  if (!colr || !palettes) return harfBuzzSubset(font, { chars });
  const bases = keptGlyphs(await harfBuzzSubset(font, { chars, retainGlyphIds: true }));
  const glyphs = new Set([...bases, ...colrLayers(colr, bases)]);
  const subset = fontTables(await harfBuzzSubset(font, { chars, glyphs, retainGlyphIds: true }));
  subset.set('COLR', subsetColr(colr, bases));
  subset.set('CPAL', palettes);
  const sorted = [...subset].sort(([a], [b]) => (a < b ? -1 : 1));
  return sfnt(Buffer.from(font).readUInt32BE(0), sorted.map(([name, data]) => ({ name: Buffer.from(name, 'latin1').readUInt32BE(0), checksum: checksum(data), data })));
}

/**
 * `font` (a plain font: see `unwrapFont`) subset to the characters `chars`, every layout feature kept
 * (so kerning and emoji sequences stay), a variable font instanced at `weight`, a colour font with its
 * colours (`colour`); returned as WOFF.
 */
export async function subsetFont(font: Uint8Array, chars: readonly number[], { weight, colour = false }: { weight?: number; colour?: boolean } = {}): Promise<Uint8Array> {
  return sfntToWoff(colour ? await colourSubset(font, chars) : await harfBuzzSubset(font, { chars, weight }));
}
