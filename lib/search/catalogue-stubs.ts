// Thin stand-ins for catalogue articles not written yet (title, signatures, scope), so search can
// be measured against the whole catalogue while the rest are being written: more distractors for
// every paste, and an answer for pastes whose article is still on a branch.
import { readFile } from "node:fs/promises";
import path from "node:path";
import { ARTICLE_PLATFORMS, type ArticlePlatform } from "../content/platforms";
import { articleDocument, type ArticleDocument } from "./documents";

export type CatalogueEntry = { slug: string; title: string; platform: string; signatures: string[]; scope: string; notThis?: string[] };

export const DEFAULT_CATALOGUE = path.resolve(import.meta.dirname, "..", "..", "..", "shared", "catalogue.json");

/** The documents plus a stub for every catalogue entry they do not already hold. */
export async function withCatalogueStubs(documents: ArticleDocument[], file = DEFAULT_CATALOGUE): Promise<ArticleDocument[]> {
  const catalogue = JSON.parse(await readFile(file, "utf8")) as CatalogueEntry[];
  const written = new Set(documents.map((d) => d.slug));
  const stubs = catalogue
    .filter((entry) => !written.has(entry.slug))
    .map((entry) =>
      articleDocument({
        slug: entry.slug,
        title: entry.title,
        error: entry.signatures[0] ?? entry.title,
        summary: entry.scope,
        platform: entry.platform,
        platformName: ARTICLE_PLATFORMS[entry.platform as ArticlePlatform] ?? entry.platform,
        signatures: entry.signatures,
        notThis: entry.notThis ?? [],
        body: `<Meaning>${entry.scope}</Meaning>`,
      }),
    );
  return [...documents, ...stubs];
}
