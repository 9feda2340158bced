import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, test } from "vitest";
import { loadAllTwinArticles } from "../content/twins/load.server";
import { articleCardInput, causeCardInput } from "./article-card.server";
import { cardElement, renderCard } from "./card";
import { fontCoverage } from "./font-coverage";
import { ogFonts } from "./fonts.server";
import { clip, drawable, UnsupportedGlyphError } from "./text";

const font = (file: string) => readFileSync(path.join(process.cwd(), "node_modules", file));

describe("font coverage, from the font's own cmap", () => {
  test("Inter's Latin subset has Latin-1 and typographic punctuation but no arrows", () => {
    const latin = fontCoverage(font("@fontsource/inter/files/inter-latin-400-normal.woff"));
    for (const ch of "AZaz09 é–—…·“”") expect(latin.has(ch.codePointAt(0)!), ch).toBe(true);
    for (const ch of "→≥Ł🙂") expect(latin.has(ch.codePointAt(0)!), ch).toBe(false);
  });

  test("the Latin Extended file adds what Latin lacks", () => {
    const ext = fontCoverage(font("@fontsource/inter/files/inter-latin-ext-400-normal.woff"));
    expect(ext.has("Ł".codePointAt(0)!)).toBe(true);
  });

  test("a TrueType file reads the same way (next/og's bundled Geist)", () => {
    const geist = fontCoverage(font("next/dist/compiled/@vercel/og/Geist-Regular.ttf"));
    expect(geist.has("A".codePointAt(0)!)).toBe(true);
    expect(geist.size).toBeGreaterThan(200);
  });
});

describe("drawable text", () => {
  const covered = new Set([..."abc ->.'x"].map((c) => c.codePointAt(0)!));

  test("keeps what the font has, spells out what it lacks", () => {
    expect(drawable("a → b", covered, "t")).toBe("a -> b");
    expect(drawable("a × b…", covered, "t")).toBe("a x b...");
    expect(drawable("à", covered, "t")).toBe("a");
  });

  test("refuses a glyph it cannot spell, naming where it is and the code point", () => {
    expect(() => drawable("ab 🙂", covered, "content/errors/x/index.mdx: title")).toThrow(UnsupportedGlyphError);
    expect(() => drawable("ab 🙂", covered, "content/errors/x/index.mdx: title")).toThrow(/content\/errors\/x\/index\.mdx: title: "🙂" \(U\+1F642\)/);
  });

  test("clip cuts at a word with an ASCII ellipsis", () => {
    expect(clip("one two three four", 12)).toBe("one two...");
    expect(clip("short", 12)).toBe("short");
  });
});

describe("every article's preview cards", () => {
  test("draw only glyphs the shipped fonts cover (so next/og never fetches one)", async () => {
    const { coverage } = ogFonts();
    for (const article of await loadAllTwinArticles()) {
      const inputs = [articleCardInput(article), ...article.outline.causes.map((c) => causeCardInput(article, c))];
      for (const input of inputs) {
        expect(() => cardElement(input), input.where).not.toThrow();
        const sans = [input.title, input.kicker, input.subtitle ?? "", ...input.facts].join("");
        const drawn = drawable(sans, coverage.sans[700], input.where);
        for (const ch of drawn) expect(coverage.sans[700].has(ch.codePointAt(0)!) && coverage.sans[400].has(ch.codePointAt(0)!), `${input.where}: ${ch}`).toBe(true);
      }
    }
  });

  test("render as a 1200×630 PNG from the shipped fonts", async () => {
    const [article] = await loadAllTwinArticles();
    const png = Buffer.from(await renderCard(articleCardInput(article!)).arrayBuffer());
    expect(png.subarray(0, 8).toString("hex")).toBe("89504e470d0a1a0a");
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([1200, 630]);
  });
});
