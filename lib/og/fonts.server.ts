// The fonts the link previews are drawn with, shipped with the site through npm (@fontsource,
// SIL Open Font License 1.1: node_modules/@fontsource/*/LICENSE). Read from disk: next/og gets
// them as data and never looks for a font anywhere else.
import { readFileSync } from "node:fs";
import path from "node:path";
import { fontCoverage } from "./font-coverage";

type Weight = 400 | 700;
export type OgFont = { name: string; data: ArrayBuffer; weight: Weight; style: "normal" };

const FILES: { name: "Inter" | "JetBrains Mono"; weight: Weight; file: string }[] = [
  { name: "Inter", weight: 400, file: "@fontsource/inter/files/inter-latin-400-normal.woff" },
  { name: "Inter", weight: 400, file: "@fontsource/inter/files/inter-latin-ext-400-normal.woff" },
  { name: "Inter", weight: 700, file: "@fontsource/inter/files/inter-latin-700-normal.woff" },
  { name: "Inter", weight: 700, file: "@fontsource/inter/files/inter-latin-ext-700-normal.woff" },
  { name: "JetBrains Mono", weight: 400, file: "@fontsource/jetbrains-mono/files/jetbrains-mono-latin-400-normal.woff" },
  { name: "JetBrains Mono", weight: 400, file: "@fontsource/jetbrains-mono/files/jetbrains-mono-latin-ext-400-normal.woff" },
];

export type FontFamily = "sans" | "mono";

type Loaded = { fonts: OgFont[]; coverage: Record<FontFamily, Record<Weight, Set<number>>> };

let loaded: Loaded | undefined;

/** The preview fonts and, per family and weight, every code point they can draw. */
export function ogFonts(): Loaded {
  if (loaded) return loaded;
  const coverage: Loaded["coverage"] = { sans: { 400: new Set(), 700: new Set() }, mono: { 400: new Set(), 700: new Set() } };
  const fonts = FILES.map(({ name, weight, file }) => {
    const buffer = readFileSync(path.join(process.cwd(), "node_modules", file));
    const family: FontFamily = name === "Inter" ? "sans" : "mono";
    for (const c of fontCoverage(buffer)) coverage[family][weight].add(c);
    const data = buffer.buffer.slice(buffer.byteOffset, buffer.byteOffset + buffer.byteLength) as ArrayBuffer;
    return { name, data, weight, style: "normal" as const };
  });
  // Mono text is drawn at 400 only; a 700 request falls back to it.
  coverage.mono[700] = coverage.mono[400];
  loaded = { fonts, coverage };
  return loaded;
}
