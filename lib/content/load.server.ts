import { readdir, readFile, stat } from "node:fs/promises";
import path from "node:path";
import { parseDocument } from "yaml";
import type { ZodError } from "zod";
import { loadCodePair, type CodePair } from "./code-pair.server";
import { compileArticleMdx } from "./compile-mdx.server";
import { ContentError } from "./content-error";
import { frontmatterSchema, type Frontmatter } from "./schema";
import type { ArticleOutline } from "./article-structure";

export type ArticleMeta = { slug: string; file: string; frontmatter: Frontmatter };

export type Article = ArticleMeta & { code: string; outline: ArticleOutline; pair: CodePair | null };

export function contentDir(): string {
  return process.env.DEADLINE_CONTENT_DIR ? path.resolve(process.env.DEADLINE_CONTENT_DIR) : path.join(process.cwd(), "content", "errors");
}

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const FRONTMATTER = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?/;

function relative(file: string): string {
  const rel = path.relative(process.cwd(), file);
  return rel && !rel.startsWith("..") ? rel : file;
}

function fieldOf(issuePath: PropertyKey[]): string {
  return issuePath.map((p, i) => (typeof p === "number" ? `[${p}]` : `${i ? "." : ""}${String(p)}`)).join("") || "frontmatter";
}

function valueAt(data: unknown, at: PropertyKey[]): unknown {
  let value = data;
  for (const key of at) value = value && typeof value === "object" ? (value as Record<PropertyKey, unknown>)[key] : undefined;
  return value;
}

function describeZodError(file: string, data: unknown, error: ZodError): ContentError {
  const [first, ...rest] = error.issues;
  const field = first?.path.length ? `frontmatter ${fieldOf(first.path)}` : "frontmatter";
  let reason = first?.message ?? "is invalid";
  if (first?.code === "invalid_type" && /received undefined/.test(reason)) reason = "is required";
  if (first?.code === "unrecognized_keys") reason = `unknown field(s) ${first.keys.join(", ")}`;
  const got = first ? valueAt(data, first.path) : undefined;
  if (got !== undefined && (typeof got !== "object" || got === null)) reason += ` (got ${JSON.stringify(got)})`;
  const more = rest.length ? ` (and ${rest.length} more: ${rest.map((i) => fieldOf(i.path)).join(", ")})` : "";
  return new ContentError(file, field, `${reason}${more}`);
}

/** Splits and validates the frontmatter of one article source. */
export function parseArticleSource(source: string, file: string): { frontmatter: Frontmatter; body: string; bodyLine: number } {
  const match = FRONTMATTER.exec(source);
  if (!match) throw new ContentError(file, "frontmatter", "missing: the file must start with a --- YAML block ---");
  const doc = parseDocument(match[1] ?? "", { prettyErrors: false });
  const yamlError = doc.errors[0];
  if (yamlError) {
    const line = (yamlError.linePos?.[0]?.line ?? 0) + 1;
    throw new ContentError(file, "frontmatter", `invalid YAML: ${yamlError.message.split("\n")[0]}`, line);
  }
  const data: unknown = doc.toJS();
  if (data === null || typeof data !== "object" || Array.isArray(data)) throw new ContentError(file, "frontmatter", "must be a YAML mapping of fields");
  const parsed = frontmatterSchema.safeParse(data);
  if (!parsed.success) throw describeZodError(file, data, parsed.error);
  const bodyLine = match[0].split("\n").length - 1;
  return { frontmatter: parsed.data, body: source.slice(match[0].length), bodyLine };
}

export async function listSlugs(dir = contentDir()): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const slugs = entries.filter((e) => e.isDirectory() && !e.name.startsWith("_") && !e.name.startsWith(".")).map((e) => e.name).sort();
  for (const slug of slugs) {
    if (!SLUG.test(slug)) throw new ContentError(relative(path.join(dir, slug)), "slug", "folder names are lower-case words joined by hyphens");
  }
  return slugs;
}

async function readArticleSource(slug: string, dir: string): Promise<{ file: string; source: string; mtime: number }> {
  const abs = path.join(dir, slug, "index.mdx");
  const file = relative(abs);
  try {
    const [source, info] = await Promise.all([readFile(abs, "utf8"), stat(abs)]);
    return { file, source, mtime: info.mtimeMs };
  } catch {
    throw new ContentError(file, "index.mdx", "is missing: every article folder holds an index.mdx");
  }
}

export async function loadArticleMeta(slug: string, dir = contentDir()): Promise<ArticleMeta> {
  const { file, source } = await readArticleSource(slug, dir);
  return { slug, file, frontmatter: parseArticleSource(source, file).frontmatter };
}

/** Every article's frontmatter, validated. Cheap: no MDX compile. */
export async function loadAllMeta(dir = contentDir()): Promise<ArticleMeta[]> {
  const slugs = await listSlugs(dir);
  return Promise.all(slugs.map((slug) => loadArticleMeta(slug, dir)));
}

// Compiled articles are cached by file and mtime: `next build` renders each page once, and
// `next dev` recompiles only what was edited.
const cache = new Map<string, { mtime: number; article: Promise<Article> }>();

export async function loadArticle(slug: string, dir = contentDir()): Promise<Article> {
  dir = path.resolve(dir);
  const { file, source, mtime } = await readArticleSource(slug, dir);
  const hit = cache.get(file);
  if (hit && hit.mtime === mtime) return hit.article;
  const article = compileArticle(slug, file, source, path.join(dir, slug));
  cache.set(file, { mtime, article });
  article.catch(() => cache.delete(file));
  return article;
}

async function compileArticle(slug: string, file: string, source: string, folder: string): Promise<Article> {
  const { frontmatter, body, bodyLine } = parseArticleSource(source, file);
  const pair = frontmatter.simulate ? await loadCodePair(folder, file, frontmatter.simulate) : null;
  const { code, outline } = await compileArticleMdx({ body, file, folder, lineOffset: bodyLine, hasPair: pair !== null });
  return { slug, file, frontmatter, code, outline, pair };
}

/**
 * Former slugs of renamed articles (`aliases:` in frontmatter) → the article's slug. An alias that
 * is a live article's slug, or that two articles claim, fails the build naming the file and field.
 */
export function aliasMap(metas: ArticleMeta[]): Map<string, string> {
  const slugs = new Set(metas.map((m) => m.slug));
  const map = new Map<string, string>();
  for (const meta of metas) {
    (meta.frontmatter.aliases ?? []).forEach((alias, i) => {
      const field = `frontmatter aliases[${i}]`;
      if (alias === meta.slug) throw new ContentError(meta.file, field, `"${alias}" is this article's own slug; list only former slugs`);
      if (slugs.has(alias)) throw new ContentError(meta.file, field, `"${alias}" is the slug of another article (content/errors/${alias}); an alias must be a slug no article has`);
      const owner = map.get(alias);
      if (owner) throw new ContentError(meta.file, field, `"${alias}" is already an alias of ${owner}; one former slug can lead to one article`);
      map.set(alias, meta.slug);
    });
  }
  return map;
}

export async function loadAliases(dir = contentDir()): Promise<Map<string, string>> {
  return aliasMap(await loadAllMeta(dir));
}
