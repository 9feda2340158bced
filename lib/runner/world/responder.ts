// Which answer a simulated call gets. One implementation for both engines: the JS engine calls it
// directly, the Python engine through its bridge. A responder holds the state of one run (how
// often each rule has answered), so make a new one per run.
//
// Order: the first response rule whose pattern matches answers; with no rule, the engine's own
// service model of the host answers if it has one (api.runpod.ai's queue, AWS endpoints); failing
// that, the default answer: 200 with {"ok": true, "url": ...} after the host's latency rule. Each
// network span records which of the three answered, and the result lists the calls that got the
// default, since a default body is the simulator's guess, not the person's.
//
// A rule's answers are phases used in order: an answer with `times: N` is given N times, then the
// next takes over; an answer with `from: S` takes over once the run's clock reaches S seconds
// (counted from the start of init, when the process starts). An answer whose `times` are used up
// before the next one's `from` is reached keeps answering until then. Before the first answer's
// `from`, the rule does not apply and the call falls through.
import { DEFAULT_LATENCY_SECONDS, latencyFor } from "../latency";
import type { ResponseAnswer, ResponseRule, WorldRules } from "./rules";

export type AnswerSource = "rule" | "service" | "default" | "server";

export type Answer = {
  status: number;
  headers: Record<string, string>;
  /** the body as text (JSON bodies serialised) */
  body: string;
  /** seconds until the answer arrives */
  latency: number;
  /** the body in this many chunks, `gap` seconds apart after the headers (rules.ts answerSchema) */
  chunks?: number;
  gap?: number;
  /** set when the connection fails instead of answering */
  connection?: "refused" | "dropped";
  source: AnswerSource;
  /** the rule's match text, when a rule answered */
  rule?: string;
};

type Compiled = {
  rule: ResponseRule;
  method: string;
  scheme: RegExp | null;
  host: RegExp;
  port: string | null;
  path: RegExp | null;
  query: RegExp | null;
  state: { index: number; used: number };
};

const LOOPBACK = new Set(["localhost", "127.0.0.1", "::1", "0.0.0.0"]);
const DEFAULT_PORTS: Record<string, string> = { "http:": "80", "https:": "443", "ws:": "80", "wss:": "443" };

function escape(text: string): string {
  return text.replace(/[.+?^${}()|[\]\\]/g, "\\$&");
}

/** A glob where each `*` matches any run of characters (captured for {{1}}, {{2}}, … in bodies). */
function glob(pattern: string, flags = ""): RegExp {
  return new RegExp(`^${pattern.split("*").map(escape).join("(.*?)")}$`, flags);
}

function compile(rule: ResponseRule): Compiled {
  const parts = rule.match.trim().split(/\s+/);
  const method = parts.length === 2 ? parts[0]!.toUpperCase() : "*";
  let rest = parts[parts.length - 1]!;
  let scheme: RegExp | null = null;
  const schemeAt = rest.indexOf("://");
  if (schemeAt >= 0) {
    scheme = glob(`${rest.slice(0, schemeAt).toLowerCase()}:`);
    rest = rest.slice(schemeAt + 3);
  }
  const slash = rest.search(/[/?]/);
  const authority = slash < 0 ? rest : rest.slice(0, slash);
  const pathAndQuery = slash < 0 ? "" : rest.slice(slash);
  let hostText = authority.toLowerCase();
  let port: string | null = null;
  const bracket = /^\[([^\]]+)\](?::(.+))?$/.exec(hostText);
  if (bracket) {
    hostText = bracket[1]!;
    port = bracket[2] ?? null;
  } else if (hostText.includes(":")) {
    const at = hostText.lastIndexOf(":");
    port = hostText.slice(at + 1);
    hostText = hostText.slice(0, at);
  }
  const queryAt = pathAndQuery.indexOf("?");
  const pathText = queryAt >= 0 ? pathAndQuery.slice(0, queryAt) : pathAndQuery;
  const queryText = queryAt >= 0 ? pathAndQuery.slice(queryAt + 1) : null;
  return {
    rule,
    method,
    scheme,
    host: glob(hostText || "*", "i"),
    port: port && port !== "*" ? port : null,
    path: pathText ? glob(pathText) : null,
    query: queryText !== null ? glob(queryText) : null,
    state: { index: 0, used: 0 },
  };
}

function sameHost(pattern: RegExp, host: string): boolean {
  if (pattern.test(host)) return true;
  // localhost, 127.0.0.1 and ::1 are the same machine to a handler talking to its own sidecar.
  return LOOPBACK.has(host) && [...LOOPBACK].some((alias) => pattern.test(alias));
}

/** The wildcard captures when the call matches, else null. */
function matches(c: Compiled, method: string, url: URL): string[] | null {
  if (c.method !== "*" && c.method !== method) return null;
  if (c.scheme && !c.scheme.test(url.protocol)) return null;
  const host = url.hostname.toLowerCase().replace(/^\[|\]$/g, "");
  if (!sameHost(c.host, host)) return null;
  if (c.port !== null && c.port !== (url.port || DEFAULT_PORTS[url.protocol] || "")) return null;
  const captures: string[] = [];
  const hostMatch = c.host.exec(host);
  if (hostMatch) captures.push(...hostMatch.slice(1));
  if (c.path) {
    const m = c.path.exec(url.pathname || "/");
    if (!m) return null;
    captures.push(...m.slice(1));
  }
  if (c.query) {
    const m = c.query.exec(url.search.replace(/^\?/, ""));
    if (!m) return null;
    captures.push(...m.slice(1));
  }
  return captures;
}

/** Advances a rule to the answer in force at `now`, or null before its first answer's `from`. */
function current(c: Compiled, now: number): ResponseAnswer | null {
  const { answers } = c.rule;
  const state = c.state;
  while (state.index < answers.length - 1) {
    const here = answers[state.index]!;
    const next = answers[state.index + 1]!;
    const nextDue = next.from === undefined || now >= next.from;
    const exhausted = here.times !== undefined && state.used >= here.times;
    if ((exhausted && nextDue) || (next.from !== undefined && now >= next.from)) {
      state.index++;
      state.used = 0;
      continue;
    }
    break;
  }
  const answer = answers[state.index]!;
  if (answer.from !== undefined && now < answer.from) return null;
  return answer;
}

function fill(value: unknown, captures: string[]): unknown {
  if (captures.length === 0) return value;
  if (typeof value === "string") return value.replace(/\{\{(\d+)\}\}/g, (whole, n: string) => captures[Number(n) - 1] ?? whole);
  if (Array.isArray(value)) return value.map((item) => fill(item, captures));
  if (value && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [fill(k, captures) as string, fill(v, captures)]));
  }
  return value;
}

export type Responder = {
  /** The answer of the first matching rule, or null when no rule applies to this call. */
  match(method: string, url: string, now: number): Answer | null;
  /**
   * What match() would answer, without using the answer up: a database client asks this when it
   * connects, so that a rule's answers go to its queries unless the rule fails the connection.
   */
  peek(method: string, url: string, now: number): Answer | null;
  /** What a host answers when nothing models it. */
  fallback(url: string): Answer;
  /** match(), else fallback(): for callers with no service model of their own. */
  answer(method: string, url: string, now: number): Answer;
  /** The host's latency rule, in seconds. */
  latency(url: string): number;
};

export function defaultBody(url: string): string {
  return JSON.stringify({ ok: true, url });
}

export function createResponder(world: WorldRules = {}): Responder {
  const rules = (world.responses ?? []).map(compile);
  const latency = (url: string) => latencyFor(url, world.latency ?? {});
  const fallback = (url: string): Answer => ({
    status: 200,
    headers: { "content-type": "application/json" },
    body: defaultBody(url),
    latency: latency(url),
    source: "default",
  });
  const find = (method: string, url: string, now: number, consume: boolean): Answer | null => {
    let parsed: URL;
    try {
      parsed = new URL(url.includes("://") ? url : `http://${url}`);
    } catch {
      return null;
    }
    const verb = method.toUpperCase();
    for (const c of rules) {
      const captures = matches(c, verb, parsed);
      if (!captures) continue;
      const answer = current(c, now);
      if (!answer) continue;
      // A WebSocket's messages are a finite stream: once the last answer's `times` are used up,
      // no message comes (the client's recv waits), rather than the last one repeating.
      if (verb === "WS" && answer.times !== undefined && c.state.used >= answer.times && c.state.index === c.rule.answers.length - 1) continue;
      if (consume) c.state.used++;
      const headers: Record<string, string> = {};
      for (const [k, v] of Object.entries(answer.headers ?? {})) headers[k.toLowerCase()] = v;
      let body = "";
      if (answer.json !== undefined) {
        body = JSON.stringify(fill(answer.json, captures));
        headers["content-type"] ??= "application/json";
      } else if (answer.text !== undefined) {
        body = fill(answer.text, captures) as string;
        headers["content-type"] ??= "text/plain; charset=utf-8";
      }
      return {
        status: answer.status ?? 200,
        headers,
        body,
        latency: answer.latency ?? latency(url),
        ...(answer.connection ? { connection: answer.connection } : {}),
        ...(answer.chunks !== undefined ? { chunks: answer.chunks, gap: answer.gap ?? 0 } : {}),
        source: "rule",
        rule: c.rule.match,
      };
    }
    return null;
  };
  const match = (method: string, url: string, now: number) => find(method, url, now, true);
  return {
    match,
    peek: (method, url, now) => find(method, url, now, false),
    fallback,
    answer: (method, url, now) => match(method, url, now) ?? fallback(url),
    latency,
  };
}

export { DEFAULT_LATENCY_SECONDS };
