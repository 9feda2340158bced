import { readFile } from "node:fs/promises";
import path from "node:path";
import { ContentError } from "../content-error";
import { contentDir, listSlugs, parseArticleSource } from "../load.server";
import { fenceLanguageOf, type PairFile, type TwinArticle } from "./model";
import { parseArticleBody } from "./parse-body";

function relative(file: string): string {
  const rel = path.relative(process.cwd(), file);
  return rel && !rel.startsWith("..") ? rel : file;
}

async function readPairFile(folder: string, file: string, field: string, name: string): Promise<PairFile> {
  try {
    return { name, lang: fenceLanguageOf(name), source: await readFile(path.join(folder, name), "utf8") };
  } catch {
    throw new ContentError(file, field, `${name} does not exist beside index.mdx`);
  }
}

async function readTwinArticle(slug: string, dir: string): Promise<TwinArticle> {
  const abs = path.join(dir, slug, "index.mdx");
  const file = relative(abs);
  let source: string;
  try {
    source = await readFile(abs, "utf8");
  } catch {
    throw new ContentError(file, "index.mdx", "is missing: every article folder holds an index.mdx");
  }
  const { frontmatter, body, bodyLine } = parseArticleSource(source, file);
  const folder = path.join(dir, slug);
  const simulate = frontmatter.simulate;
  const pair = simulate
    ? {
        broken: await readPairFile(folder, file, "simulate.broken", simulate.broken),
        fixed: await readPairFile(folder, file, "simulate.fixed", simulate.fixed),
      }
    : null;
  const { tree, outline } = parseArticleBody(body, { file, lineOffset: bodyLine, hasPair: pair !== null });
  return { slug, file, frontmatter, tree, outline, pair };
}

// Parsed once per process and content folder: a build asks for the same article from its page,
// its twins, its cause pages and its preview images.
const cache = new Map<string, Promise<TwinArticle>>();

export function loadTwinArticle(slug: string, dir = contentDir()): Promise<TwinArticle> {
  const key = `${path.resolve(dir)}\0${slug}`;
  let article = cache.get(key);
  if (!article || process.env.NODE_ENV === "development") {
    article = readTwinArticle(slug, dir);
    article.catch(() => cache.delete(key));
    cache.set(key, article);
  }
  return article;
}

export async function loadAllTwinArticles(dir = contentDir()): Promise<TwinArticle[]> {
  return Promise.all((await listSlugs(dir)).map((slug) => loadTwinArticle(slug, dir)));
}
