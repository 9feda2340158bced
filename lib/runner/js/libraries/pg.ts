// node-postgres (`pg` 8.23.0 with `pg-pool` 3.14.0, brianc/node-postgres at c9e5761) on the
// simulated network: Client (connect, query, end), Pool (connect/release, query, end) and the
// errors, with the library's own defaults (SOURCES.md). A connection and each query are round
// trips to the server's host (database.ts), so `--latency db.internal=...` and response rules on
// `db.internal:5432` decide how long they take and what they answer.
//
// What decides a Lambda callback handler's fate is modelled as Node has it: a connected client's
// socket is a ref'd handle until end(), and a pool keeps a released client idle, socket and idle
// timer both ref'd, for idleTimeoutMillis (10 s) unless allowExitOnIdle, so the event loop is not
// empty until the pool closes it.

import { EventEmitter } from "../http";
import { captureSite, guarded, markErrorSite, type RunContext } from "../run-context";
import type { Op } from "../virtual-loop";
import { dbConnect, dbRoundTrip, dbUrl, econnrefused, shortSql, SocketHandle, sqlCommand, sqlReply } from "./database";
import { envOf, isRecord } from "./transport";

type Deps = { ctx: RunContext; process: unknown };
type Callback = (error: unknown, value?: unknown, release?: unknown) => void;
type Row = Record<string, unknown>;

/** pg/lib/defaults.js: host localhost, port 5432; statement_timeout and query_timeout false (none). */
const DEFAULT_HOST = "localhost";
const DEFAULT_PORT = 5432;
/** pg-pool/index.js: max 10, idleTimeoutMillis 10000 (pg-pool's own, not defaults.js's 30000), allowExitOnIdle false. */
const POOL_MAX = 10;
const POOL_IDLE_TIMEOUT_MS = 10_000;

/** ErrorResponse code of a statement cancelled by statement_timeout (PostgreSQL errcodes.txt 57014 query_canceled). */
const QUERY_CANCELED = "57014";
/** src/backend/tcop/postgres.c ProcessInterrupts: the server's text when statement_timeout fires. */
const STATEMENT_TIMEOUT_TEXT = "canceling statement due to statement timeout";

type Params = {
  host: string;
  port: number;
  database: string;
  user: string | undefined;
  connectionTimeoutMillis: number;
  queryTimeout: number;
  statementTimeout: number;
};

/** ConnectionParameters: a connection string (or config.connectionString) over the config, then PG* variables, then defaults. */
function resolveParams(config: unknown, env: Record<string, string | undefined>): Params {
  let c: Record<string, unknown> = typeof config === "string" ? parseConnectionString(config) : isRecord(config) ? { ...config } : {};
  if (typeof c.connectionString === "string") c = { ...c, ...parseConnectionString(c.connectionString) };
  const val = (key: string, envName: string | false = `PG${key.toUpperCase()}`) => (c[key] as unknown) || (envName ? env[envName] : undefined);
  const user = (val("user") as string | undefined) ?? env.USER;
  const host = String(val("host") ?? DEFAULT_HOST);
  const port = Number.parseInt(String(val("port") ?? DEFAULT_PORT), 10);
  const database = String(val("database") ?? user ?? "");
  const ms = (value: unknown) => {
    const n = Number(value);
    return Number.isFinite(n) && n > 0 ? n : 0;
  };
  return {
    host,
    port: Number.isFinite(port) ? port : DEFAULT_PORT,
    database,
    user,
    connectionTimeoutMillis: ms(c.connectionTimeoutMillis),
    queryTimeout: ms(val("query_timeout", false)),
    statementTimeout: ms(val("statement_timeout", false)),
  };
}

/** pg-connection-string: postgres://user:password@host:port/database?options (the query's keys become config keys). */
function parseConnectionString(text: string): Record<string, unknown> {
  let url: URL;
  try {
    url = new URL(text.replace(/^postgresql:/, "postgres:"));
  } catch {
    throw new TypeError(`Invalid connection string: pass a URL such as postgres://user:password@db.internal:5432/app`);
  }
  const out: Record<string, unknown> = {};
  if (url.hostname) out.host = decodeURIComponent(url.hostname).replace(/^\[|\]$/g, "");
  if (url.port) out.port = url.port;
  if (url.username) out.user = decodeURIComponent(url.username);
  if (url.password) out.password = decodeURIComponent(url.password);
  const path = decodeURIComponent(url.pathname.replace(/^\//, ""));
  if (path) out.database = path;
  for (const [key, value] of url.searchParams) out[key] = value;
  return out;
}

export function pgModule(deps: Deps) {
  const { ctx } = deps;

  /** pg-protocol's DatabaseError: an ErrorResponse from the server, `name` "error" as the protocol message is named. */
  class DatabaseError extends Error {
    severity: string | undefined;
    code: string | undefined;
    detail: string | undefined;
    hint: string | undefined;
    position: string | undefined;
    schema: string | undefined;
    table: string | undefined;
    column: string | undefined;
    constraint: string | undefined;
    routine: string | undefined;
    readonly length: number;
    constructor(message: string, length: number, name: string) {
      super(message);
      this.length = length;
      Object.defineProperty(this, "name", { value: name, enumerable: true, writable: true });
    }
  }

  const databaseError = (message: string, fields: Record<string, unknown>) => {
    const error = new DatabaseError(message, message.length, "error");
    error.severity = "ERROR";
    for (const [key, value] of Object.entries(fields)) (error as unknown as Record<string, unknown>)[key] = typeof value === "string" ? value : String(value);
    return error;
  };

  const fieldsOf = (rows: Row[]) =>
    Object.keys(rows[0] ?? {}).map((name) => {
      const sample = rows[0]?.[name];
      const dataTypeID = typeof sample === "number" ? (Number.isInteger(sample) ? 23 : 701) : typeof sample === "boolean" ? 16 : sample !== null && typeof sample === "object" ? 3802 : 25;
      return { name, tableID: 0, columnID: 0, dataTypeID, dataTypeSize: -1, dataTypeModifier: -1, format: "text" };
    });

  class Client extends EventEmitter {
    readonly host: string;
    readonly port: number;
    readonly database: string;
    readonly user: string | undefined;
    readonly connectionParameters: Params;
    /** set by a Pool on checkout */
    release?: (error?: unknown) => void;
    _poolUseCount = 0;
    _queryable = true;
    _ending = false;
    private connecting = false;
    private connected = false;
    private socket: SocketHandle | null = null;
    private ready: Promise<void>;
    private markReady: () => void = () => {};
    private markFailed: (error: unknown) => void = () => {};
    private queue: Promise<unknown> = Promise.resolve();
    private readonly url: string;
    /** a pool's clients show their idle timer instead of an open-socket span */
    pooled = false;

    constructor(config?: unknown) {
      super();
      this.connectionParameters = resolveParams(config, envOf(deps.process));
      const { host, port, database, user } = this.connectionParameters;
      this.host = host;
      this.port = port;
      this.database = database;
      this.user = user;
      this.url = dbUrl("postgres", host, port, database);
      this.ready = new Promise((resolve, reject) => {
        this.markReady = resolve;
        this.markFailed = reject;
      });
      // queries sent before a failed connect fail with its error (Client._errorAllQueries)
      this.ready.catch(() => undefined);
    }

    connect(callback?: Callback, from?: Error) {
      const site = from ?? captureSite();
      const done = this.open(site);
      if (typeof callback === "function") {
        done.then(
          () => guarded(ctx, () => callback(null)),
          (error) => guarded(ctx, () => callback(error)),
        );
        return undefined;
      }
      return done.then(() => this);
    }

    private open(site: Error): Promise<void> {
      if (this.connecting || this.connected) {
        const error = new Error("Client has already been connected. You cannot reuse a client.");
        markErrorSite(ctx, error, site);
        return Promise.reject(error);
      }
      this.connecting = true;
      const timeout = this.connectionParameters.connectionTimeoutMillis;
      return dbConnect({
        ctx,
        url: this.url,
        site,
        detail: "pg connect",
        // Client._connect: setTimeout(() => con.stream.destroy(new Error('timeout expired')), connectionTimeoutMillis)
        timers: timeout > 0 ? [{ ms: timeout, phase: "any", note: `connectionTimeoutMillis ${timeout} ms`, fire: () => new Error("timeout expired") }] : [],
        refusedError: () => econnrefused(this.host, this.port),
      }).then(
        () => {
          this.connecting = false;
          this.connected = true;
          this.socket = new SocketHandle(ctx, site, this.pooled ? null : `pg connection to ${this.host}:${this.port} (open until client.end())`);
          this.markReady();
          this.emit("connect");
        },
        (error: unknown) => {
          this.connecting = false;
          this._queryable = false;
          this.markFailed(error);
          throw error;
        },
      );
    }

    /** the user's call site of the last query: a pool's idle timer blames it */
    lastSite: Error | null = null;

    query(config: unknown, values?: unknown, callback?: unknown) {
      return this.queryFrom(captureSite(), config, values, callback);
    }

    queryFrom(site: Error, config: unknown, values?: unknown, callback?: unknown) {
      if (config === null || config === undefined) throw new TypeError("Client was passed a null or undefined query");
      this.lastSite = site;
      const options = typeof config === "string" ? { text: config } : isRecord(config) ? config : { text: String(config) };
      let cb = typeof values === "function" ? (values as Callback) : typeof callback === "function" ? (callback as Callback) : typeof options.callback === "function" ? (options.callback as Callback) : undefined;
      const params = Array.isArray(values) ? values : Array.isArray(options.values) ? options.values : [];
      const text = String(options.text ?? "");
      const readTimeout = Number(options.query_timeout) > 0 ? Number(options.query_timeout) : this.connectionParameters.queryTimeout;
      const result = this.runQuery(text, params, options.rowMode === "array", readTimeout, site);
      if (cb) {
        const call = cb;
        cb = undefined;
        result.then(
          (value) => guarded(ctx, () => call(null, value)),
          (error) => guarded(ctx, () => call(error)),
        );
        return undefined;
      }
      return result;
    }

    private runQuery(text: string, params: unknown[], asArrays: boolean, readTimeout: number, site: Error): Promise<unknown> {
      const fail = (message: string) => {
        const error = new Error(message);
        markErrorSite(ctx, error, site);
        return Promise.reject(error);
      };
      if (!this._queryable) return fail("Client has encountered a connection error and is not queryable");
      if (this._ending) return fail("Client was closed and is not queryable");
      const statementTimeout = this.connectionParameters.statementTimeout;
      // pg sends one query at a time on a connection; the rest wait in its queue
      const turn = this.queue.then(() => this.ready);
      const run = turn.then(() => {
        if (this._ending) return fail("Client was closed and is not queryable");
        return dbRoundTrip({
          ctx,
          url: this.url,
          site,
          detail: `pg query: ${shortSql(text)}${params.length ? ` [${params.length} parameter${params.length === 1 ? "" : "s"}]` : ""}`,
          // the server cancels a statement running past statement_timeout and answers with an error
          shape: (answer) =>
            statementTimeout > 0 && !answer.connection && answer.latency * 1000 > statementTimeout
              ? { ...answer, latency: statementTimeout / 1000, body: JSON.stringify({ error: { message: STATEMENT_TIMEOUT_TEXT, code: QUERY_CANCELED, routine: "ProcessInterrupts" } }), source: "service" }
              : answer,
          // Client.query: setTimeout(() => callback(new Error('Query read timeout')), query_timeout)
          timers: readTimeout > 0 ? [{ ms: readTimeout, phase: "any", note: `query_timeout ${readTimeout} ms`, fire: () => new Error("Query read timeout") }] : [],
        }).then((answer) => {
          const reply = sqlReply(answer, "pg query");
          if (reply.kind === "error") {
            const error = databaseError(reply.message, reply.fields);
            markErrorSite(ctx, error, site);
            throw error;
          }
          const rows = reply.rows;
          const command = sqlCommand(text);
          const fields = fieldsOf(rows);
          return {
            command,
            rowCount: reply.count ?? (command === "SELECT" || rows.length > 0 ? rows.length : 0),
            oid: command === "INSERT" ? 0 : null,
            rows: asArrays ? rows.map((row) => Object.values(row)) : rows,
            fields,
            rowAsArray: asArrays,
          };
        });
      });
      this.queue = run.catch(() => undefined);
      return run;
    }

    end(callback?: Callback) {
      this._ending = true;
      const closed = Promise.resolve().then(() => {
        if (this.socket) {
          this.socket.close("client.end()");
          this.socket = null;
          this.emit("end");
        }
      });
      if (typeof callback === "function") {
        void closed.then(() => guarded(ctx, () => callback(null)));
        return undefined;
      }
      return closed;
    }

    ref() {
      this.socket?.ref();
    }

    unref() {
      this.socket?.unref();
    }

    escapeIdentifier(text: string) {
      return escapeIdentifier(text);
    }

    escapeLiteral(text: string) {
      return escapeLiteral(text);
    }
  }

  type Pending = { callback: Callback; timedOut: boolean; site?: Error };
  type Idle = { client: Client; timer: Op | null };

  class Pool extends EventEmitter {
    readonly options: Record<string, unknown> & { max: number; idleTimeoutMillis: number; connectionTimeoutMillis: number; allowExitOnIdle: boolean; maxUses: number; min: number };
    private clients: Client[] = [];
    private idle: Idle[] = [];
    private pending: Pending[] = [];
    ending = false;
    ended = false;
    private endCallback: (() => void) | null = null;

    constructor(options: Record<string, unknown> = {}) {
      super();
      const o = { ...options };
      this.options = {
        ...o,
        max: Number(o.max || o.poolSize || POOL_MAX),
        min: Number(o.min || 0),
        maxUses: Number(o.maxUses || Number.POSITIVE_INFINITY),
        allowExitOnIdle: Boolean(o.allowExitOnIdle),
        idleTimeoutMillis: o.idleTimeoutMillis === undefined ? POOL_IDLE_TIMEOUT_MS : Number(o.idleTimeoutMillis),
        connectionTimeoutMillis: Number(o.connectionTimeoutMillis || 0),
      };
    }

    get totalCount() {
      return this.clients.length;
    }
    get idleCount() {
      return this.idle.length;
    }
    get waitingCount() {
      return this.pending.length;
    }

    private isFull() {
      return this.clients.length >= this.options.max;
    }

    connect(callback?: Callback, from?: Error): Promise<Client> | undefined {
      const site = from ?? captureSite();
      let resolve!: (client: Client) => void;
      let reject!: (error: unknown) => void;
      const promise = new Promise<Client>((res, rej) => {
        resolve = res;
        reject = rej;
      });
      const cb: Callback = callback
        ? (error, client, release) => guarded(ctx, () => callback(error, client, release))
        : (error, client) => {
            if (error) {
              markErrorSite(ctx, error, site);
              reject(error);
            } else resolve(client as Client);
          };
      if (this.ending) {
        cb(new Error("Cannot use a pool after calling end on the pool"));
        return callback ? undefined : promise;
      }
      if (this.isFull() || this.idle.length > 0) {
        if (this.idle.length > 0) queueMicrotask(() => this.pulse());
        const timeout = this.options.connectionTimeoutMillis;
        const item: Pending = { callback: cb, timedOut: false, site };
        if (timeout > 0) {
          const timer = ctx.loop.schedule({
            kind: "timeout",
            delay: timeout,
            site,
            // pg-pool unref()s this timer: it never keeps the process alive by itself
            ref: false,
            span: { kind: "timer", label: `pg-pool waiting for a free client (connectionTimeoutMillis ${timeout} ms)` },
            run: () => {
              this.pending = this.pending.filter((p) => p !== item);
              item.timedOut = true;
              cb(new Error("timeout exceeded when trying to connect"));
            },
          });
          item.callback = (error, client, release) => {
            ctx.loop.cancel(timer, "got a client");
            cb(error, client, release);
          };
        }
        this.pending.push(item);
        return callback ? undefined : promise;
      }
      this.newClient({ callback: cb, timedOut: false, site }, site);
      return callback ? undefined : promise;
    }

    private newClient(item: Pending, site: Error) {
      const client = new Client(this.options);
      client.pooled = true;
      this.clients.push(client);
      const timeout = this.options.connectionTimeoutMillis;
      let timeoutHit = false;
      let timer: Op | null = null;
      if (timeout > 0) {
        // pg-pool's own timer destroys the stream; the client then fails with "Connection terminated unexpectedly"
        timer = ctx.loop.schedule({ kind: "timeout", delay: timeout, site, ref: true, run: () => (timeoutHit = true) });
      }
      const settle = (error: unknown) => {
        if (timer) ctx.loop.cancel(timer);
        if (error) {
          this.clients = this.clients.filter((c) => c !== client);
          const reported = timeoutHit ? new Error("Connection terminated due to connection timeout", { cause: new Error("Connection terminated unexpectedly") }) : error;
          this.pulse();
          if (!item.timedOut) item.callback(reported, undefined, () => {});
          return;
        }
        this.emit("connect", client);
        this.acquire(client, item);
      };
      // The pool's timer and the client's connectionTimeoutMillis are the same length and the
      // pool's is armed first, so the pool's ends the attempt.
      void client.connect((error: unknown) => {
        if (error && (error as Error).message === "timeout expired") timeoutHit = true;
        settle(error);
      }, site);
    }

    private acquire(client: Client, item: Pending) {
      this.emit("acquire", client);
      let released = false;
      client.release = (error?: unknown) => {
        if (released) throw new Error("Release called on client which has already been released to the pool.");
        released = true;
        this.releaseClient(client, error);
      };
      if (!item.timedOut) item.callback(undefined, client, client.release);
      else client.release();
    }

    private releaseClient(client: Client, error: unknown) {
      client._poolUseCount++;
      this.emit("release", error, client);
      if (error || this.ending || !client._queryable || client._ending || client._poolUseCount >= this.options.maxUses) {
        this.remove(client, () => this.pulse());
        return;
      }
      let timer: Op | null = null;
      const idleMs = this.options.idleTimeoutMillis;
      if (idleMs > 0 && this.clients.length > this.options.min) {
        timer = ctx.loop.schedule({
          kind: "timeout",
          delay: idleMs,
          site: client.lastSite ?? captureSite(),
          ref: !this.options.allowExitOnIdle,
          span: { kind: "timer", label: `pg-pool idle client (idleTimeoutMillis ${idleMs} ms${this.options.allowExitOnIdle ? ", allowExitOnIdle" : ""})` },
          run: () => {
            if (this.clients.length > this.options.min) this.remove(client, () => this.pulse());
          },
        });
      }
      if (this.options.allowExitOnIdle) client.unref();
      this.idle.push({ client, timer });
      this.pulse();
    }

    private remove(client: Client, after?: () => void) {
      const at = this.idle.findIndex((item) => item.client === client);
      if (at >= 0) {
        const [item] = this.idle.splice(at, 1);
        if (item?.timer) ctx.loop.cancel(item.timer, "client removed");
      }
      this.clients = this.clients.filter((c) => c !== client);
      void client.end(() => {
        this.emit("remove", client);
        after?.();
      });
    }

    private pulse() {
      if (this.ended) return;
      if (this.ending) {
        for (const item of [...this.idle]) this.remove(item.client);
        if (this.clients.length === 0) {
          this.ended = true;
          this.endCallback?.();
        }
        return;
      }
      if (this.pending.length === 0) return;
      if (this.idle.length === 0 && this.isFull()) return;
      const item = this.pending.shift() as Pending;
      if (this.idle.length > 0) {
        const idle = this.idle.pop() as Idle;
        if (idle.timer) ctx.loop.cancel(idle.timer, "checked out again");
        idle.client.ref();
        this.acquire(idle.client, item);
        return;
      }
      this.newClient(item, item.site ?? captureSite());
    }

    query(text: unknown, values?: unknown, callback?: unknown) {
      if (typeof text === "function") {
        const error = new Error("Passing a function as the first parameter to pool.query is not supported");
        ctx.loop.schedule({ kind: "immediate", delay: 0, site: null, run: () => guarded(ctx, () => (text as Callback)(error)) });
        return undefined;
      }
      const cb = typeof values === "function" ? (values as Callback) : typeof callback === "function" ? (callback as Callback) : undefined;
      const params = typeof values === "function" ? undefined : values;
      const site = captureSite();
      const result = new Promise((resolve, reject) => {
        this.connect((error, client) => {
          if (error) return reject(error);
          const c = client as Client;
          (c.queryFrom(site, text, params) as Promise<unknown>).then(
            (res) => {
              c.release?.();
              resolve(res);
            },
            (err: unknown) => {
              c.release?.(err);
              reject(err);
            },
          );
        }, site);
      });
      if (cb) {
        result.then(
          (res) => guarded(ctx, () => cb(undefined, res)),
          (err) => guarded(ctx, () => cb(err)),
        );
        return undefined;
      }
      return result.catch((error: unknown) => {
        markErrorSite(ctx, error, site);
        throw error;
      });
    }

    end(callback?: Callback) {
      if (this.ending) {
        const error = new Error("Called end on pool more than once");
        if (callback) return void guarded(ctx, () => callback(error));
        return Promise.reject(error);
      }
      this.ending = true;
      const done = new Promise<void>((resolve) => (this.endCallback = resolve));
      this.pulse();
      if (callback) {
        void done.then(() => guarded(ctx, () => callback(null)));
        return undefined;
      }
      return done;
    }
  }

  const defaults = { host: DEFAULT_HOST, port: DEFAULT_PORT, max: POOL_MAX, idleTimeoutMillis: 30_000, statement_timeout: false, query_timeout: false, connect_timeout: 0, rows: 0, binary: false, ssl: false };
  const types = { getTypeParser: () => (value: string) => value, setTypeParser: () => undefined, builtins: {} };
  const pg = { Client, Pool, DatabaseError, defaults, types, escapeIdentifier, escapeLiteral, native: null };
  return { __esModule: true, default: pg, ...pg };
}

function escapeIdentifier(text: string): string {
  return `"${String(text).replace(/"/g, '""')}"`;
}

function escapeLiteral(text: string): string {
  const value = String(text);
  const backslash = value.includes("\\");
  const quoted = `'${value.replace(/'/g, "''").replace(/\\/g, "\\\\")}'`;
  return backslash ? ` E${quoted}` : quoted;
}
