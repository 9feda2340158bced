import { createHighlighter, type BundledLanguage, type Highlighter, type ThemedToken } from "shiki";

// Shiki runs only at build time (and in dev on the server): pages ship highlighted HTML with both
// themes as CSS variables, so no highlighter reaches the browser.

export const THEMES = { light: "github-light", dark: "github-dark" } as const;

export const CODE_LANGS = ["python", "javascript", "typescript", "json", "bash", "yaml", "toml", "ini", "log", "text", "diff", "tsx", "jsx", "dockerfile", "http", "shellsession"] as const;

let highlighter: Promise<Highlighter> | undefined;

export function getHighlighter(): Promise<Highlighter> {
  highlighter ??= createHighlighter({ themes: Object.values(THEMES), langs: CODE_LANGS.filter((l) => l !== "text") });
  return highlighter;
}

export type CodeToken = { content: string; style: Record<string, string> };

const EXTENSION_LANG: Record<string, string> = {
  py: "python",
  js: "javascript",
  mjs: "javascript",
  cjs: "javascript",
  ts: "typescript",
};

export function langOfFile(name: string): string {
  const ext = name.slice(name.lastIndexOf(".") + 1);
  return EXTENSION_LANG[ext] ?? "text";
}

function toToken(token: ThemedToken): CodeToken {
  const style: Record<string, string> = {};
  for (const [key, value] of Object.entries(token.htmlStyle ?? {})) style[key] = value;
  return { content: token.content, style };
}

/** Highlights a whole file into lines of tokens carrying `--shiki-light` / `--shiki-dark` colours. */
export async function tokenize(code: string, lang: string): Promise<CodeToken[][]> {
  const shiki = await getHighlighter();
  const { tokens } = shiki.codeToTokens(code.replace(/\n$/, ""), { lang: lang as BundledLanguage, themes: THEMES, defaultColor: false });
  return tokens.map((line) => line.map(toToken));
}
