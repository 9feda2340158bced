// --reporter github: GitHub Actions workflow commands, one annotation per run that failed the
// check, on the line that blocked (or where the time went): `::error file=…,line=…,title=…::…`
// for a timeout or a failure, `::warning` for a run over its share of the limit (the job fails
// either way: deadline check exits 1). Format and escaping as the Actions toolkit writes them
// (docs.github.com/actions/reference/workflows-and-actions/workflow-commands; actions/toolkit
// packages/core/src/command.ts: escapeData %, CR, LF; escapeProperty also : and ,). The plain
// table is printed too, for the log.
import path from "node:path";
import type { Report } from "../report";
import { formatHuman } from "./human";

export function escapeData(text: string): string {
  return text.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
}

export function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, "%3A").replace(/,/g, "%2C");
}

export type GithubOptions = {
  /** the config's folder, to make paths relative to the workspace (GitHub resolves them from there) */
  root: string;
  workspace?: string;
};

export function formatGithubAnnotations(report: Report, { root, workspace = process.env.GITHUB_WORKSPACE ?? process.cwd() }: GithubOptions): string {
  const lines: string[] = [];
  for (const row of report.rows) {
    if (row.status === "pass") continue;
    const file = path.relative(workspace, path.resolve(root, row.file)).split(path.sep).join("/");
    const props = [`file=${escapeProperty(file)}`, ...(row.line ? [`line=${row.line}`] : []), `title=${escapeProperty(`deadline check: ${row.handler} × ${row.event}`)}`];
    const message = [row.summary, row.detail, `limit: ${row.timeoutSource}`].filter(Boolean).join("\n");
    lines.push(`::${row.status === "over-share" ? "warning" : "error"} ${props.join(",")}::${escapeData(message)}`);
  }
  return lines.length ? `${lines.join("\n")}\n` : "";
}

export function formatGithub(report: Report, options: GithubOptions): string {
  return formatHuman(report) + formatGithubAnnotations(report, options);
}
