import { createHighlighter, type BundledLanguage, type Highlighter, type ThemedToken } from "shiki";

// Shiki runs only at build time (and in dev on the server): pages ship highlighted HTML with both
// themes as CSS variables, so no highlighter reaches the browser.

export const THEMES = { light: "github-light-default", dark: "github-dark-default" } as const;

// The themes' comment grey falls just under WCAG AA (4.5:1) on our code background and on the
// red/green tints that mark changed lines; a slightly stronger grey keeps every token readable.
const COMMENT = { light: ["#6e7781", "#57606a"], dark: ["#8b949e", "#a3acb7"] } as const;
export const COLOR_REPLACEMENTS = {
  [THEMES.light]: { [COMMENT.light[0]]: COMMENT.light[1], [COMMENT.light[0].toUpperCase()]: COMMENT.light[1] },
  [THEMES.dark]: { [COMMENT.dark[0]]: COMMENT.dark[1], [COMMENT.dark[0].toUpperCase()]: COMMENT.dark[1] },
};

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
  const { tokens } = shiki.codeToTokens(code.replace(/\n$/, ""), {
    lang: lang as BundledLanguage,
    themes: THEMES,
    defaultColor: false,
    colorReplacements: COLOR_REPLACEMENTS,
  });
  return tokens.map((line) => line.map(toToken));
}
