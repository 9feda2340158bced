import rehypeShikiFromHighlighter from "@shikijs/rehype/core";
import { bundleMDX } from "mdx-bundler";
import remarkGfm from "remark-gfm";
import { ContentError } from "./content-error";
import { COLOR_REPLACEMENTS, getHighlighter, THEMES } from "./highlight.server";
import { remarkArticleStructure, type ArticleOutline } from "./article-structure";
import { rehypeBreakInlineCode } from "./rehype-break-code";

type CompileInput = { body: string; file: string; folder: string; lineOffset: number; hasPair: boolean };

type EsbuildMessage = { text: string; location?: { line: number } | null };

function isBuildFailure(error: unknown): error is { errors: EsbuildMessage[] } {
  return typeof error === "object" && error !== null && Array.isArray((error as { errors?: unknown }).errors);
}

/**
 * Compiles an article body with mdx-bundler at build time. The result is a string of code that
 * the article page evaluates on the server while rendering static HTML.
 */
export async function compileArticleMdx(input: CompileInput): Promise<{ code: string; outline: ArticleOutline }> {
  const { body, file, folder, lineOffset, hasPair } = input;
  const outline: ArticleOutline = { causes: [], sections: [], links: [] };
  const highlighter = await getHighlighter();
  let structureError: ContentError | undefined;
  const report = (error: ContentError) => (structureError = error);
  try {
    const { code } = await bundleMDX({
      source: body,
      cwd: folder,
      mdxOptions(options) {
        options.remarkPlugins = [...(options.remarkPlugins ?? []), remarkGfm, remarkArticleStructure({ file, lineOffset, hasPair, outline, report })];
        options.rehypePlugins = [
          ...(options.rehypePlugins ?? []),
          [rehypeShikiFromHighlighter, highlighter, { themes: THEMES, defaultColor: false, fallbackLanguage: "text", colorReplacements: COLOR_REPLACEMENTS }],
          rehypeBreakInlineCode,
        ];
        return options;
      },
      // Failures are rethrown as ContentErrors naming file, line and field; esbuild's own
      // console report would only repeat them.
      esbuildOptions(options) {
        options.logLevel = "silent";
        return options;
      },
    });
    return { code, outline };
  } catch (error) {
    if (structureError) throw structureError;
    if (error instanceof ContentError) throw error;
    if (isBuildFailure(error)) {
      // mdx-bundler surfaces MDX syntax errors through esbuild, with lines counted in the body.
      const first = error.errors[0];
      const line = first?.location?.line ? first.location.line + lineOffset : undefined;
      throw new ContentError(file, "MDX", first?.text.replace(/^.*?index\.mdx:\d+:\d+: /, "") ?? "does not compile", line);
    }
    throw error;
  }
}
