// Modal: the limit is the `timeout=` argument of the function's decorator, in seconds
// (`@app.function(timeout=600)`, `@app.cls(timeout=...)`; default 300 s, up to 24 h:
// modal.com/docs/guide/timeouts, lib/runner/platforms/SOURCES.md). Read from the handler's own
// code: a literal number, or a product of literals such as 60 * 60.
import { shown } from "./files";
import { DeployConfigError, type DeployLimit, type DeployTarget } from "./types";

const DECORATOR = /^[ \t]*@\s*[A-Za-z_][\w.]*\.(function|cls|web_endpoint|asgi_app|wsgi_app)\s*\(/gm;

type Decorated = { name: string; line: number; timeout: number | null; timeoutLine: number };

function argsFrom(code: string, open: number): string {
  let depth = 0;
  for (let i = open; i < code.length; i++) {
    if (code[i] === "(") depth++;
    else if (code[i] === ")" && --depth === 0) return code.slice(open + 1, i);
  }
  return code.slice(open + 1);
}

function decorated(code: string): Decorated[] {
  const found: Decorated[] = [];
  const lineAt = (index: number) => code.slice(0, index).split("\n").length;
  for (const m of code.matchAll(DECORATOR)) {
    const open = m.index + m[0].length - 1;
    const args = argsFrom(code, open);
    const after = code.slice(open + args.length + 2);
    const def = /^[^\n]*\n(?:[ \t]*@[^\n]*\n)*[ \t]*(?:async\s+)?(?:def|class)\s+([A-Za-z_]\w*)/.exec(after);
    if (!def) continue;
    const t = /\btimeout\s*=\s*([\d_.]+(?:\s*\*\s*[\d_.]+)*)\s*(?:[,)#\n]|$)/.exec(args);
    const timeout = t ? t[1]!.split("*").reduce((product, part) => product * Number(part.trim().replace(/_/g, "")), 1) : null;
    found.push({ name: def[1]!, line: lineAt(m.index), timeout: timeout !== null && Number.isFinite(timeout) ? timeout : null, timeoutLine: t ? lineAt(open + 1 + t.index) : 0 });
  }
  return found;
}

export function readModal(target: DeployTarget): DeployLimit {
  const rel = shown(target.file, target.root);
  const all = decorated(target.code);
  const entry = target.entry?.split(".").at(-1);
  const chosen = entry ? all.filter((d) => d.name === entry) : all;
  if (entry && chosen.length === 0) throw new DeployConfigError(rel, "", `no @app.function or @app.cls decorates ${entry}`);
  const limits = new Set(chosen.map((d) => d.timeout));
  if (limits.size > 1) throw new DeployConfigError(rel, "", `${chosen.map((d) => `${d.name} (${d.timeout ?? "default"} s)`).join(", ")} have different timeouts: name one with "handler" in deadline's config`);
  const first = chosen[0];
  if (!first || first.timeout === null) return { source: `${rel} gives no timeout= in the decorator: Modal's default` };
  return { timeout: first.timeout, source: `${rel}:${first.timeoutLine} timeout=${first.timeout}` };
}
