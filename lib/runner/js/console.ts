// console for user code: everything goes to the run's stdout, formatted close enough to Node's
// util.format/inspect that logs read like the platform's. console.time runs on the virtual clock.

import { cleanStack, type SourceMap } from "./call-site";
import { describeInert } from "./modelled";
import type { RunContext } from "./run-context";

/** Output kept per run; a chatty 1 ms interval under a 15 minute timeout must not fill memory. */
const MAX_STDOUT_CHARS = 256 * 1024;

export function createConsole(ctx: RunContext) {
  let size = 0;
  let truncated = false;
  const write = (text: string) => {
    if (ctx.finished || truncated) return;
    size += text.length + 1;
    if (size > MAX_STDOUT_CHARS) {
      truncated = true;
      ctx.stdout.push(`... output truncated after ${MAX_STDOUT_CHARS / 1024} KiB`);
      return;
    }
    ctx.stdout.push(text);
    ctx.onOutput?.(`${text}\n`);
  };
  const print = (args: unknown[]) => write(format(args, ctx.map));
  const timers = new Map<string, number>();
  const counts = new Map<string, number>();
  let indent = "";
  const out = (args: unknown[]) => {
    const text = format(args, ctx.map);
    write(indent ? text.replace(/^/gm, indent) : text);
  };
  return {
    log: (...args: unknown[]) => out(args),
    info: (...args: unknown[]) => out(args),
    debug: (...args: unknown[]) => out(args),
    warn: (...args: unknown[]) => out(args),
    error: (...args: unknown[]) => out(args),
    trace: (...args: unknown[]) => out(["Trace:", ...args]),
    dir: (value: unknown) => out([value]),
    table: (value: unknown) => out([value]),
    assert: (condition: unknown, ...args: unknown[]) => {
      if (!condition) out(["Assertion failed", ...args]);
    },
    count: (label = "default") => {
      const next = (counts.get(label) ?? 0) + 1;
      counts.set(label, next);
      out([`${label}: ${next}`]);
    },
    countReset: (label = "default") => void counts.delete(label),
    group: (...args: unknown[]) => {
      if (args.length > 0) out(args);
      indent += "  ";
    },
    groupCollapsed: (...args: unknown[]) => {
      if (args.length > 0) out(args);
      indent += "  ";
    },
    groupEnd: () => {
      indent = indent.slice(2);
    },
    time: (label = "default") => void timers.set(label, ctx.loop.now()),
    timeLog: (label = "default", ...args: unknown[]) => {
      const start = timers.get(label);
      if (start !== undefined) out([`${label}: ${duration(ctx.loop.now() - start)}`, ...args]);
    },
    timeEnd: (label = "default") => {
      const start = timers.get(label);
      if (start === undefined) return;
      timers.delete(label);
      out([`${label}: ${duration(ctx.loop.now() - start)}`]);
    },
    /** for process.stdout.write */
    write,
    print,
  };
}

function duration(ms: number): string {
  return ms >= 1000 ? `${(ms / 1000).toFixed(3)}s` : `${ms.toFixed(3)}ms`;
}

/** util.format: printf-style placeholders in a leading string, the rest inspected. */
export function format(args: unknown[], map: SourceMap | null): string {
  const [first, ...rest] = args;
  const parts: string[] = [];
  if (typeof first === "string" && rest.length > 0 && first.includes("%")) {
    let index = 0;
    const head = first.replace(/%([sdifjoOc%])/g, (all, kind: string) => {
      if (kind === "%") return "%";
      if (index >= rest.length) return all;
      const value = rest[index++];
      switch (kind) {
        case "s":
          return typeof value === "string" ? value : inspect(value, map, 1);
        case "d":
        case "i":
          return typeof value === "bigint" ? `${value}n` : String(kind === "i" ? Math.trunc(Number(value)) : Number(value));
        case "f":
          return String(Number(value));
        case "j":
          try {
            return JSON.stringify(value);
          } catch {
            return "[Circular]";
          }
        case "c":
          return "";
        default:
          return inspect(value, map, 4);
      }
    });
    parts.push(head, ...rest.slice(index).map((value) => (typeof value === "string" ? value : inspect(value, map, 2))));
  } else {
    for (const value of args) parts.push(typeof value === "string" ? value : inspect(value, map, 2));
  }
  return parts.join(" ");
}

/** A small util.inspect: enough to read objects, arrays, errors, maps and class instances. */
export function inspect(value: unknown, map: SourceMap | null, depth = 2): string {
  const seen = new Set<object>();
  const walk = (item: unknown, level: number): string => {
    if (item === null) return "null";
    const inert = describeInert(item);
    if (inert !== null) return inert;
    switch (typeof item) {
      case "undefined":
        return "undefined";
      case "string":
        return level === 0 ? item : `'${item.replace(/'/g, "\\'")}'`;
      case "number":
        return Object.is(item, -0) ? "-0" : String(item);
      case "bigint":
        return `${item}n`;
      case "boolean":
        return String(item);
      case "symbol":
        return item.toString();
      case "function": {
        const fn = item as { name?: string; constructor?: { name?: string } };
        if (/^class\s/.test(Function.prototype.toString.call(item))) return `[class ${fn.name || "(anonymous)"}]`;
        const kind = fn.constructor?.name === "AsyncFunction" ? "AsyncFunction" : "Function";
        return fn.name ? `[${kind}: ${fn.name}]` : `[${kind} (anonymous)]`;
      }
    }
    const object = item as object;
    if (item instanceof Error || (typeof DOMException !== "undefined" && item instanceof DOMException)) {
      const error = item as Error;
      const stack = typeof error.stack === "string" && error.stack.length > 0 ? error.stack : `${error.name}: ${error.message}`;
      return map ? cleanStack(stack, map) : stack;
    }
    if (seen.has(object)) return "[Circular *1]";
    if (item instanceof Date) return Number.isNaN(item.getTime()) ? "Invalid Date" : item.toISOString();
    if (item instanceof RegExp) return item.toString();
    if (item instanceof Promise) return "Promise { <pending> }";
    if (level > depth) return Array.isArray(item) ? "[Array]" : `[${object.constructor?.name || "Object"}]`;
    seen.add(object);
    try {
      if (Array.isArray(item)) {
        const shown = item.slice(0, 100).map((entry) => walk(entry, level + 1));
        if (item.length > 100) shown.push(`... ${item.length - 100} more items`);
        return wrap("[", shown, "]", "");
      }
      if (item instanceof Map) {
        const shown = [...item.entries()].map(([k, v]) => `${walk(k, level + 1)} => ${walk(v, level + 1)}`);
        return wrap("{", shown, "}", `Map(${item.size}) `);
      }
      if (item instanceof Set) return wrap("{", [...item.values()].map((entry) => walk(entry, level + 1)), "}", `Set(${item.size}) `);
      if (typeof Response !== "undefined" && item instanceof Response) return `Response { status: ${item.status}, statusText: '${item.statusText}', url: '${item.url}' }`;
      if (typeof Request !== "undefined" && item instanceof Request) return `Request { method: '${item.method}', url: '${item.url}' }`;
      if (typeof Headers !== "undefined" && item instanceof Headers) return wrap("{", [...item.entries()].map(([k, v]) => `'${k}' => '${v}'`), "}", "Headers ");
      const name = object.constructor && object.constructor !== Object ? `${object.constructor.name} ` : "";
      const shown = Object.keys(object).map((key) => {
        const label = /^[A-Za-z_$][\w$]*$/.test(key) ? key : `'${key}'`;
        let entry: unknown;
        try {
          entry = (object as Record<string, unknown>)[key];
        } catch {
          entry = "[Getter]";
        }
        return `${label}: ${walk(entry, level + 1)}`;
      });
      return wrap("{", shown, "}", name);
    } finally {
      seen.delete(object);
    }
  };
  return walk(value, 0);
}

function wrap(open: string, items: string[], close: string, prefix: string): string {
  if (items.length === 0) return `${prefix}${open}${close}`;
  const single = `${prefix}${open} ${items.join(", ")} ${close}`;
  if (single.length <= 72 && !single.includes("\n")) return single;
  return `${prefix}${open}\n${items.map((item) => `  ${item.replace(/\n/g, "\n  ")}`).join(",\n")}\n${close}`;
}
