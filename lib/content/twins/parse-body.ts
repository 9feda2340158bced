// An article body as an mdast tree, parsed the way the MDX compile parses it (MDX + GFM) but
// without compiling or highlighting: what the Markdown and JSON twins, "Copy fix", the cause
// pages and the link previews are made from. Framework-free; the structure check is the build's.
import type { Root } from "mdast";
import { fromMarkdown } from "mdast-util-from-markdown";
import { gfmFromMarkdown } from "mdast-util-gfm";
import { mdxFromMarkdown } from "mdast-util-mdx";
import { gfm } from "micromark-extension-gfm";
import { mdxjs } from "micromark-extension-mdxjs";
import { checkArticleStructure, type ArticleOutline } from "../article-structure";
import { ContentError } from "../content-error";

export type ParsedBody = { tree: Root; outline: ArticleOutline };

type Place = { line?: number; start?: { line?: number } };

export function parseArticleBody(body: string, { file, lineOffset, hasPair }: { file: string; lineOffset: number; hasPair: boolean }): ParsedBody {
  let tree: Root;
  try {
    tree = fromMarkdown(body, { extensions: [mdxjs(), gfm()], mdastExtensions: [mdxFromMarkdown(), gfmFromMarkdown()] });
  } catch (error) {
    const place = (error as { place?: Place }).place;
    const line = place?.line ?? place?.start?.line;
    const reason = (error as { reason?: string }).reason ?? (error instanceof Error ? error.message : String(error));
    throw new ContentError(file, "MDX", reason, line ? line + lineOffset : undefined);
  }
  const outline: ArticleOutline = { causes: [], sections: [], links: [] };
  checkArticleStructure(tree, { file, lineOffset, hasPair, outline });
  return { tree, outline };
}
