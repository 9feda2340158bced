// "Request an article": the text of an issue asking for an article about an error Deadline does not
// cover, for the person to copy into the tracker themselves. Nothing is sent anywhere from here.

import type { Recognised } from "./engine";

/** Longest excerpt of the paste put in the request; the recognised parts say the rest. */
export const MAX_REQUEST_EXCERPT = 3000;

export type ArticleRequest = { title: string; body: string };

function firstLine(text: string): string {
  return text.split(/\r?\n/).find((l) => l.trim())?.trim() ?? "";
}

/** A title and a Markdown body: what was pasted (trimmed), and what the search recognised in it. */
export function articleRequest(query: string, recognised: Recognised): ArticleRequest {
  const headline = recognised.exceptions[recognised.exceptions.length - 1] ?? recognised.codes[0] ?? firstLine(query);
  const title = `Article request: ${headline.length > 90 ? `${headline.slice(0, 90)}…` : headline}`;
  const trimmed = query.trim();
  const excerpt = trimmed.length > MAX_REQUEST_EXCERPT ? `${trimmed.slice(0, MAX_REQUEST_EXCERPT)}\n… (${trimmed.length - MAX_REQUEST_EXCERPT} more characters)` : trimmed;
  // A fence longer than any run of backticks in the paste, so the paste cannot close it.
  const longest = Math.max(2, ...(excerpt.match(/`+/g) ?? []).map((run) => run.length));
  const fence = "`".repeat(longest + 1);
  const lines = [
    "Deadline has no article for this error yet.",
    "",
    "**What I saw**",
    "",
    `${fence}text`,
    excerpt,
    fence,
    "",
    "**What the search recognised**",
    "",
  ];
  const found: [string, string[]][] = [
    ["Format", recognised.formats],
    ["Exception", recognised.exceptions],
    ["Code", recognised.codes],
    ["Message", recognised.messages.slice(0, 3)],
  ];
  const shown = found.filter(([, values]) => values.length);
  if (shown.length) for (const [label, values] of shown) lines.push(`- ${label}: ${values.map((v) => `\`${v.replace(/`/g, "'")}\``).join(", ")}`);
  else lines.push("- nothing that looked like an exception, an error code or an error message");
  lines.push("", "**Where it ran** (platform, runtime, versions):", "", "**Is it a timeout?** (what limit, how long it ran):", "");
  return { title, body: lines.join("\n") };
}
