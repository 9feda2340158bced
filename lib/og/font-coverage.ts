// Which characters a font can draw, read from its own cmap table. The link previews only ever
// draw text these fonts cover: next/og fetches a missing glyph from Google Fonts at render time
// (loadDynamicAsset in next/dist/compiled/@vercel/og/index.node.js), and the build must not touch
// the network. Reads TrueType/OpenType and WOFF 1.0 (https://www.w3.org/TR/WOFF/#TableDirectory),
// cmap formats 4 and 12 (https://learn.microsoft.com/typography/opentype/spec/cmap).
import { inflateSync } from "node:zlib";

type Table = { offset: number; compLength: number; origLength: number };

function tables(font: Buffer): Map<string, Table> {
  const signature = font.toString("latin1", 0, 4);
  const map = new Map<string, Table>();
  if (signature === "wOFF") {
    const count = font.readUInt16BE(12);
    for (let i = 0; i < count; i++) {
      const at = 44 + i * 20;
      map.set(font.toString("latin1", at, at + 4), { offset: font.readUInt32BE(at + 4), compLength: font.readUInt32BE(at + 8), origLength: font.readUInt32BE(at + 12) });
    }
    return map;
  }
  if (signature === "wOF2") throw new Error("WOFF2 fonts are not supported by next/og; use the .woff, .ttf or .otf file");
  const count = font.readUInt16BE(4);
  for (let i = 0; i < count; i++) {
    const at = 12 + i * 16;
    const length = font.readUInt32BE(at + 12);
    map.set(font.toString("latin1", at, at + 4), { offset: font.readUInt32BE(at + 8), compLength: length, origLength: length });
  }
  return map;
}

function tableData(font: Buffer, table: Table): Buffer {
  const raw = font.subarray(table.offset, table.offset + table.compLength);
  return table.compLength < table.origLength ? inflateSync(raw) : raw;
}

function format4(t: Buffer, at: number, out: Set<number>) {
  const segments = t.readUInt16BE(at + 6) / 2;
  const ends = at + 14;
  const starts = ends + segments * 2 + 2;
  const deltas = starts + segments * 2;
  const rangeOffsets = deltas + segments * 2;
  for (let s = 0; s < segments; s++) {
    const end = t.readUInt16BE(ends + s * 2);
    const start = t.readUInt16BE(starts + s * 2);
    const delta = t.readInt16BE(deltas + s * 2);
    const rangeOffsetAt = rangeOffsets + s * 2;
    const rangeOffset = t.readUInt16BE(rangeOffsetAt);
    for (let c = start; c <= end && c !== 0xffff; c++) {
      let glyph: number;
      if (rangeOffset === 0) glyph = (c + delta) & 0xffff;
      else {
        const g = t.readUInt16BE(rangeOffsetAt + rangeOffset + (c - start) * 2);
        glyph = g === 0 ? 0 : (g + delta) & 0xffff;
      }
      if (glyph !== 0) out.add(c);
    }
  }
}

function format12(t: Buffer, at: number, out: Set<number>) {
  const groups = t.readUInt32BE(at + 12);
  for (let g = 0; g < groups; g++) {
    const start = t.readUInt32BE(at + 16 + g * 12);
    const end = t.readUInt32BE(at + 20 + g * 12);
    for (let c = start; c <= end; c++) out.add(c);
  }
}

/** Every code point the font maps to a glyph. */
export function fontCoverage(font: Buffer): Set<number> {
  const cmap = tables(font).get("cmap");
  if (!cmap) throw new Error("the font has no cmap table");
  const t = tableData(font, cmap);
  const out = new Set<number>();
  const count = t.readUInt16BE(2);
  for (let i = 0; i < count; i++) {
    const platform = t.readUInt16BE(4 + i * 8);
    const encoding = t.readUInt16BE(6 + i * 8);
    const offset = t.readUInt32BE(8 + i * 8);
    // Unicode subtables only: Windows BMP/full (3,1 / 3,10) and Unicode platform (0,*).
    if (!(platform === 0 || (platform === 3 && (encoding === 1 || encoding === 10)))) continue;
    const format = t.readUInt16BE(offset);
    if (format === 4) format4(t, offset, out);
    else if (format === 12) format12(t, offset, out);
  }
  return out;
}
