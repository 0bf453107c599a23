// The colour tables of a COLR version 0 font (Twemoji), kept through a subset. harfbuzzjs is built
// without HarfBuzz's colour support and drops them; with glyph ids kept as they were, the tables need
// only their records for the glyphs kept. No I/O.

/** The tables of a font (sfnt), by tag. */
export function fontTables(font: Uint8Array): Map<string, Buffer> {
  const f = Buffer.from(font.buffer, font.byteOffset, font.byteLength);
  const tables = new Map<string, Buffer>();
  for (let i = 0; i < f.readUInt16BE(4); i++) {
    const at = 12 + i * 16;
    tables.set(f.toString('latin1', at, at + 4), f.subarray(f.readUInt32BE(at + 8), f.readUInt32BE(at + 8) + f.readUInt32BE(at + 12)));
  }
  return tables;
}

interface ColrV0 {
  /** Base glyph → its layers: [glyph, palette index] from bottom to top. */
  layers: Map<number, [number, number][]>;
}

function readColr(colr: Buffer): ColrV0 {
  if (colr.readUInt16BE(0) !== 0) throw new Error(`COLR version ${colr.readUInt16BE(0)}: only version 0 is kept`);
  const [bases, baseAt, layerAt] = [colr.readUInt16BE(2), colr.readUInt32BE(4), colr.readUInt32BE(8)];
  const layers = new Map<number, [number, number][]>();
  for (let i = 0; i < bases; i++) {
    const at = baseAt + i * 6;
    const [glyph, first, count] = [colr.readUInt16BE(at), colr.readUInt16BE(at + 2), colr.readUInt16BE(at + 4)];
    layers.set(glyph, Array.from({ length: count }, (_, l) => [colr.readUInt16BE(layerAt + (first + l) * 4), colr.readUInt16BE(layerAt + (first + l) * 4 + 2)]));
  }
  return { layers };
}

/** The layer glyphs the colour glyphs among `glyphs` are drawn with. */
export function colrLayers(colr: Buffer, glyphs: Iterable<number>): Set<number> {
  const { layers } = readColr(colr);
  return new Set([...glyphs].flatMap((glyph) => (layers.get(glyph) ?? []).map(([layer]) => layer)));
}

/** The COLR table with the records of the base glyphs `glyphs` only (glyph ids unchanged). */
export function subsetColr(colr: Buffer, glyphs: ReadonlySet<number>): Buffer {
  const kept = [...readColr(colr).layers].filter(([glyph]) => glyphs.has(glyph)).sort(([a], [b]) => a - b);
  const layerCount = kept.reduce((sum, [, l]) => sum + l.length, 0);
  const out = Buffer.alloc(14 + kept.length * 6 + layerCount * 4);
  out.writeUInt16BE(0, 0);
  out.writeUInt16BE(kept.length, 2);
  out.writeUInt32BE(14, 4);
  out.writeUInt32BE(14 + kept.length * 6, 8);
  out.writeUInt16BE(layerCount, 12);
  let layer = 0;
  kept.forEach(([glyph, layers], i) => {
    out.writeUInt16BE(glyph, 14 + i * 6);
    out.writeUInt16BE(layer, 16 + i * 6);
    out.writeUInt16BE(layers.length, 18 + i * 6);
    for (const [g, palette] of layers) {
      out.writeUInt16BE(g, 14 + kept.length * 6 + layer * 4);
      out.writeUInt16BE(palette, 16 + kept.length * 6 + layer * 4);
      layer++;
    }
  });
  return out;
}

/** The glyphs a subset (glyph ids kept) holds: those with an advance (every emoji has one). */
export function keptGlyphs(font: Uint8Array): Set<number> {
  const tables = fontTables(font);
  const metrics = tables.get('hhea')!.readUInt16BE(34);
  const hmtx = tables.get('hmtx')!;
  const kept = new Set<number>();
  for (let glyph = 0; glyph < metrics; glyph++) if (hmtx.readUInt16BE(glyph * 4) > 0) kept.add(glyph);
  return kept;
}

/** The characters a font's `cmap` maps to a glyph (its Unicode subtables, formats 4 and 12). */
export function fontCharacters(font: Uint8Array): Set<number> {
  const cmap = fontTables(font).get('cmap');
  const chars = new Set<number>();
  if (!cmap) return chars;
  for (let i = 0; i < cmap.readUInt16BE(2); i++) {
    const at = cmap.readUInt32BE(8 + i * 8);
    const format = cmap.readUInt16BE(at);
    if (format === 4) {
      const segments = cmap.readUInt16BE(at + 6) / 2;
      const ends = at + 14;
      const starts = ends + segments * 2 + 2;
      const deltas = starts + segments * 2;
      const offsets = deltas + segments * 2;
      for (let s = 0; s < segments; s++) {
        const [end, start, delta, offset] = [cmap.readUInt16BE(ends + s * 2), cmap.readUInt16BE(starts + s * 2), cmap.readInt16BE(deltas + s * 2), cmap.readUInt16BE(offsets + s * 2)];
        for (let code = start; code <= end && code !== 0xffff; code++) {
          const glyph = offset === 0 ? (code + delta) & 0xffff : cmap.readUInt16BE(offsets + s * 2 + offset + (code - start) * 2);
          if (glyph !== 0) chars.add(code);
        }
      }
    } else if (format === 12) {
      for (let g = 0; g < cmap.readUInt32BE(at + 12); g++) {
        const [start, end] = [cmap.readUInt32BE(at + 16 + g * 12), cmap.readUInt32BE(at + 20 + g * 12)];
        for (let code = start; code <= end; code++) chars.add(code);
      }
    }
  }
  return chars;
}
