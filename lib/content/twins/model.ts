import type { Root } from "mdast";
import type { ArticleOutline } from "../article-structure";
import type { Frontmatter } from "../schema";

/** One file of the runnable pair, as the twins print it: the exact source, with its fence language. */
export type PairFile = { name: string; lang: "python" | "js" | "ts"; source: string };

/** Everything the twins are made from: frontmatter, the parsed body, the pair's sources. */
export type TwinArticle = {
  slug: string;
  /** the index.mdx path, for error messages */
  file: string;
  frontmatter: Frontmatter;
  tree: Root;
  outline: ArticleOutline;
  pair: { broken: PairFile; fixed: PairFile } | null;
};

const LANG_OF_EXTENSION: Record<string, PairFile["lang"]> = { py: "python", js: "js", mjs: "js", cjs: "js", ts: "ts" };

export function fenceLanguageOf(name: string): PairFile["lang"] {
  const lang = LANG_OF_EXTENSION[name.split(".").pop() ?? ""];
  if (!lang) throw new Error(`no fence language for ${name}`);
  return lang;
}
