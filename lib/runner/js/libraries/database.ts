// Database and cache clients on the simulated network (pg, mysql2, ioredis, redis, mongodb).
// A connection is a network call to the server's host:port, and every query or command is one
// round trip to it, so the world rules apply to them as to any host:
//
//   latency    `--latency db.internal=0.2`: each connect and each query takes the host's latency
//   responses  a rule matching the server (`db.internal:5432`, `*:6379`, `postgres://db.internal/app`)
//              with `connection: refused | dropped` fails the connection; any other answer is
//              what the server replies to each query, in order (`times`, `from` as for HTTP)
//
// The URL a rule is matched against is `<scheme>://<host>:<port>/<database>` (postgres, mysql,
// redis, mongodb). A connect only *looks* at the rule (Responder.peek): it uses up an answer
// only when that answer fails the connection, so a rule's answers go to the queries in order,
// and it takes the host's latency rule, not the answer's `latency` (which is the query's).
//
// How a rule's body maps to a reply (SOURCES.md, "database replies"):
//   SQL (pg, mysql2)  a JSON array is the rows; {"rows": [...], "rowCount": N} gives both;
//                     {"error": {"message": ..., "code": ...}} is an error the server raised;
//                     any other object is one row. No rule: no rows.
//   Redis             the JSON value is the reply (string, number, array, null);
//                     {"error": "WRONGTYPE ..."} is an error reply. No rule: the command's
//                     plainest reply (OK, nil, 0).
//   MongoDB           an array is the documents a find returns; an object is the command's
//                     result; {"error": {...}} a server error. No rule: nothing found.
// The HTTP status of an answer is not used.

import type { Answer } from "../../world";
import type { RunContext } from "../run-context";
import { exchange, isRecord, parseJson, type AttemptTimer } from "./transport";

export type DbScheme = "postgres" | "mysql" | "redis" | "mongodb";

export function dbUrl(scheme: DbScheme, host: string, port: number, database = ""): string {
  const bracketed = host.includes(":") && !host.startsWith("[") ? `[${host}]` : host;
  return `${scheme}://${bracketed}:${port}/${encodeURIComponent(database)}`;
}

/** The address Node would name in a connect error; the simulator has no DNS, so a name stands in for its address. */
export function addressOf(host: string): string {
  return /^(localhost|127\.0\.0\.1)$/.test(host) ? "127.0.0.1" : host;
}

/** Node's error for a refused TCP connect: `connect ECONNREFUSED 10.0.0.5:5432`. */
export function econnrefused(host: string, port: number): Error {
  const address = addressOf(host);
  return Object.assign(new Error(`connect ECONNREFUSED ${address}:${port}`), { code: "ECONNREFUSED", errno: -111, syscall: "connect", address, port });
}

/** Node's error for a TCP connect the kernel gave up on: `connect ETIMEDOUT 10.0.0.5:5432`. */
export function etimedout(host: string, port: number): Error {
  const address = addressOf(host);
  return Object.assign(new Error(`connect ETIMEDOUT ${address}:${port}`), { code: "ETIMEDOUT", errno: -110, syscall: "connect", address, port });
}

type Call = {
  ctx: RunContext;
  url: string;
  site: Error;
  /** said in the span after the URL: the client and what it does */
  detail: string;
  timers?: AttemptTimer[];
  signal?: AbortSignal | null;
  abortError?: (signal: AbortSignal) => unknown;
  refusedError: () => unknown;
};

/** Opens a connection: resolves when it is open, rejects with the client's error for a timer or a refusal. */
export function dbConnect(call: Call): Promise<Answer> {
  const { ctx, url } = call;
  const now = ctx.loop.now() / 1000;
  const peeked = ctx.responder.peek("CONNECT", url, now);
  const answer: Answer = peeked?.connection
    ? (ctx.responder.match("CONNECT", url, now) ?? peeked)
    : { status: 200, headers: {}, body: "", latency: ctx.responder.latency(url), source: peeked ? "rule" : "default" };
  return exchange({ ...call, method: "CONNECT", answer, database: { answer: peeked ? "rule" : null } });
}

/** One query or command on an open connection: the server's answer, when it arrives. */
export function dbRoundTrip(call: Omit<Call, "refusedError"> & { verb?: "QUERY" | "COMMAND"; shape?: (answer: Answer) => Answer }): Promise<Answer> {
  const { ctx, url } = call;
  const verb = call.verb ?? "QUERY";
  const answer = ctx.responder.answer(verb, url, ctx.loop.now() / 1000);
  // A query on an open connection cannot be refused; a rule that says so drops the reply instead.
  const dropped: Answer = answer.connection ? { ...answer, connection: "dropped" } : answer;
  const reply = call.shape ? call.shape(dropped) : dropped;
  return exchange({ ...call, method: verb, answer: reply, database: { answer: answer.source }, refusedError: () => new Error("refused") });
}

export type SqlReply =
  | { kind: "rows"; rows: Record<string, unknown>[]; count: number | null; simulated: boolean }
  | { kind: "error"; message: string; fields: Record<string, unknown> };

/** What a SQL server replied, from a rule's body (see the top of this file). */
export function sqlReply(answer: Answer, what: string): SqlReply {
  if (answer.source === "default") return { kind: "rows", rows: [], count: null, simulated: true };
  if (answer.body.trim() === "") return { kind: "rows", rows: [], count: null, simulated: false };
  const json = parseJson(answer.body);
  if (json === undefined) throw new RuleShapeError(`${what}: the response rule "${answer.rule ?? ""}" answered text; a query's answer is JSON: an array of rows, {"rows": [...], "rowCount": N}, or {"error": {"message": "...", "code": "..."}}`);
  if (json === null) return { kind: "rows", rows: [], count: null, simulated: false };
  if (Array.isArray(json)) return { kind: "rows", rows: json.map(asRow), count: null, simulated: false };
  if (isRecord(json)) {
    if (json.error !== undefined) return { kind: "error", ...serverError(json.error) };
    if (Array.isArray(json.rows)) {
      const count = [json.rowCount, json.affectedRows, json.count].find((n) => typeof n === "number") as number | undefined;
      return { kind: "rows", rows: json.rows.map(asRow), count: count ?? null, simulated: false };
    }
    return { kind: "rows", rows: [json], count: null, simulated: false };
  }
  return { kind: "rows", rows: [{ value: json }], count: null, simulated: false };
}

/** An error reply from a rule: {"error": "text"} or {"error": {"message": ..., ...fields}}. */
export function serverError(error: unknown): { message: string; fields: Record<string, unknown> } {
  if (isRecord(error)) {
    const { message, ...fields } = error;
    return { message: typeof message === "string" ? message : JSON.stringify(error), fields };
  }
  return { message: String(error), fields: {} };
}

function asRow(value: unknown): Record<string, unknown> {
  return isRecord(value) ? value : { value };
}

/** A response rule whose body cannot be a database's reply: a mistake in the rules, not in the handler. */
export class RuleShapeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "RuleShapeError";
  }
}

/** The verb of a SQL statement (SELECT, INSERT, ...), as pg's Result.command and mysql2's results use it. */
export function sqlCommand(sql: string): string {
  const match = /^\s*(?:--[^\n]*\n\s*|\/\*[\s\S]*?\*\/\s*)*([a-z]+)/i.exec(sql);
  return match ? match[1]!.toUpperCase() : "";
}

/** SQL shortened for a span label. */
export function shortSql(sql: string, max = 80): string {
  const flat = sql.replace(/\s+/g, " ").trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

/**
 * An open socket keeps Node's event loop alive until it is closed or unref()'d: as a ref'd
 * operation that never fires, it holds a Lambda callback handler's answer exactly as a real
 * socket does.
 */
export class SocketHandle {
  private op: ReturnType<RunContext["loop"]["schedule"]> | null;
  constructor(
    private readonly ctx: RunContext,
    site: Error,
    label: string | null,
  ) {
    this.op = ctx.loop.schedule({ kind: "timeout", delay: Number.POSITIVE_INFINITY, site, ...(label ? { span: { kind: "timer", label } } : {}), run: () => {} });
  }
  ref(): void {
    if (this.op) this.ctx.loop.setRef(this.op, true);
  }
  unref(): void {
    if (this.op) this.ctx.loop.setRef(this.op, false);
  }
  close(note: string): void {
    if (this.op) this.ctx.loop.cancel(this.op, note);
    this.op = null;
  }
  get open(): boolean {
    return this.op !== null;
  }
}
