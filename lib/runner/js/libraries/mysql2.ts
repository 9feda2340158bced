// mysql2 3.23.4 (sidorares/node-mysql2 at 928c3c5) on the simulated network: createConnection,
// createPool (query, execute, getConnection / release, end) in the callback API (`mysql2`) and
// the promise API (`mysql2/promise`). A connection is a network call to host:3306 and each query
// a round trip (database.ts). Defaults from the source: connectTimeout 10000 ms ("connect
// ETIMEDOUT"), pool connectionLimit 10, waitForConnections true, queueLimit 0, maxIdle =
// connectionLimit (so idle connections are never closed and their sockets keep Node's event loop
// alive until pool.end()), a query's `timeout` option fails it with "Query inactivity timeout".

import { EventEmitter } from "../http";
import { captureSite, guarded, markErrorSite, type RunContext } from "../run-context";
import { dbConnect, dbRoundTrip, dbUrl, econnrefused, shortSql, SocketHandle, sqlCommand, sqlReply } from "./database";
import { isRecord } from "./transport";

type Deps = { ctx: RunContext; process: unknown };
type Callback = (error: unknown, result?: unknown, fields?: unknown) => void;

/** lib/connection_config.js: connectTimeout 10 * 1000; port 3306 */
const CONNECT_TIMEOUT_MS = 10_000;
const PORT = 3306;
/** lib/pool_config.js: connectionLimit 10, waitForConnections true, queueLimit 0, maxIdle = connectionLimit, idleTimeout 60000 */
const CONNECTION_LIMIT = 10;

type Config = { host: string; port: number; database: string; user: string | undefined; connectTimeout: number };

function configOf(input: unknown): Config & Record<string, unknown> {
  let c: Record<string, unknown> = {};
  if (typeof input === "string") {
    const u = new URL(input);
    c = { host: u.hostname, port: u.port ? Number(u.port) : undefined, user: decodeURIComponent(u.username), database: u.pathname.slice(1) };
  } else if (isRecord(input)) {
    c = { ...input };
    if (typeof c.uri === "string") c = { ...configOf(c.uri), ...c };
  }
  return { ...c, host: String(c.host ?? "localhost"), port: Number(c.port ?? PORT), database: String(c.database ?? ""), user: c.user as string | undefined, connectTimeout: Number.isNaN(Number(c.connectTimeout)) || c.connectTimeout === undefined ? CONNECT_TIMEOUT_MS : Number(c.connectTimeout) };
}

export function mysql2Modules(deps: Deps) {
  const { ctx } = deps;

  const sqlError = (message: string, fields: Record<string, unknown>, sql: string) =>
    Object.assign(new Error(message), { code: fields.code ?? "ER_UNKNOWN", errno: fields.errno ?? 1105, sqlState: fields.sqlState ?? "HY000", sqlMessage: message, sql });

  class Connection extends EventEmitter {
    readonly config: Config & Record<string, unknown>;
    private socket: SocketHandle | null = null;
    private ready: Promise<void>;
    private failed: unknown = null;
    private queue: Promise<unknown> = Promise.resolve();
    private readonly url: string;
    pool: Pool | null = null;
    _closing = false;
    lastActiveTime = 0;

    constructor(config: Config & Record<string, unknown>, site: Error) {
      super();
      this.config = config;
      this.url = dbUrl("mysql", config.host, config.port, config.database);
      const timeout = config.connectTimeout;
      this.ready = dbConnect({
        ctx,
        url: this.url,
        site,
        detail: "mysql2 connect",
        // base/connection.js _handleTimeoutError: Error('connect ETIMEDOUT'), code ETIMEDOUT, fatal
        timers: timeout > 0 ? [{ ms: timeout, phase: "any", note: `connectTimeout ${timeout} ms`, fire: () => Object.assign(new Error("connect ETIMEDOUT"), { errorno: "ETIMEDOUT", code: "ETIMEDOUT", syscall: "connect", fatal: true }) }] : [],
        refusedError: () => Object.assign(econnrefused(config.host, config.port), { fatal: true }),
      }).then(
        () => {
          this.socket = new SocketHandle(ctx, site, this.pool ? null : `mysql2 connection to ${config.host}:${config.port} (open until end())`);
          this.emit("connect");
        },
        (error: unknown) => {
          this.failed = error;
          if (this.listenerCount("error") > 0) this.emit("error", error);
          throw error;
        },
      );
      this.ready.catch(() => undefined);
    }

    whenReady() {
      return this.ready;
    }

    /** One query: [rows or a ResultSetHeader, fields]. */
    run(options: unknown, values: unknown, site: Error): Promise<[unknown, unknown]> {
      const o = typeof options === "string" ? { sql: options } : isRecord(options) ? options : { sql: String(options) };
      const sql = String(o.sql ?? "");
      const timeout = Number(o.timeout) > 0 ? Number(o.timeout) : 0;
      const params = Array.isArray(values) ? values : Array.isArray(o.values) ? o.values : [];
      const turn = this.queue.then(() => this.ready);
      const result = turn.then(() => {
        if (this._closing) throw Object.assign(new Error("Can't add new command when connection is in closed state"), { fatal: false });
        return dbRoundTrip({
          ctx,
          url: this.url,
          site,
          detail: `mysql2 query: ${shortSql(sql)}${params.length ? ` [${params.length} value${params.length === 1 ? "" : "s"}]` : ""}`,
          // commands/query.js: Error('Query inactivity timeout'), code PROTOCOL_SEQUENCE_TIMEOUT
          timers: timeout > 0 ? [{ ms: timeout, phase: "any", note: `timeout ${timeout} ms`, fire: () => Object.assign(new Error("Query inactivity timeout"), { errorno: "PROTOCOL_SEQUENCE_TIMEOUT", code: "PROTOCOL_SEQUENCE_TIMEOUT", fatal: true, timeout }) }] : [],
        }).then((answer): [unknown, unknown] => {
          this.lastActiveTime = ctx.epoch + ctx.loop.now();
          const reply = sqlReply(answer, "mysql2 query");
          if (reply.kind === "error") throw sqlError(reply.message, reply.fields, sql);
          const command = sqlCommand(sql);
          if (reply.rows.length > 0 || ["SELECT", "SHOW", "DESCRIBE", "EXPLAIN", "WITH", "CALL"].includes(command)) {
            const fields = Object.keys(reply.rows[0] ?? {}).map((name) => ({ name, table: "", db: this.config.database }));
            return [o.rowsAsArray ? reply.rows.map((r) => Object.values(r)) : reply.rows, fields];
          }
          const affected = reply.count ?? 0;
          return [{ fieldCount: 0, affectedRows: affected, insertId: 0, info: "", serverStatus: 2, warningStatus: 0, changedRows: 0 }, undefined];
        });
      });
      this.queue = result.catch(() => undefined);
      return result.catch((error: unknown) => {
        markErrorSite(ctx, error, site);
        throw error;
      });
    }

    query(sql: unknown, values?: unknown, cb?: unknown) {
      return this.callbackStyle(sql, values, cb);
    }
    execute(sql: unknown, values?: unknown, cb?: unknown) {
      return this.callbackStyle(sql, values, cb);
    }
    private callbackStyle(sql: unknown, values: unknown, cb: unknown) {
      const site = captureSite();
      const callback = (typeof values === "function" ? values : cb) as Callback | undefined;
      const result = this.run(sql, typeof values === "function" ? undefined : values, site);
      result.then(
        ([rows, fields]) => callback && guarded(ctx, () => callback(null, rows, fields)),
        (error) => (callback ? guarded(ctx, () => callback(error)) : this.listenerCount("error") > 0 ? this.emit("error", error) : ctx.loop.fault(error, "exception")),
      );
      return this;
    }
    end(cb?: Callback) {
      this._closing = true;
      void this.queue.then(() => {
        this.socket?.close("end()");
        this.socket = null;
        if (cb) guarded(ctx, () => cb(null));
      });
    }
    destroy() {
      this._closing = true;
      this.socket?.close("destroy()");
      this.socket = null;
    }
    release() {
      this.pool?.releaseConnection(this);
    }
    get failedWith() {
      return this.failed;
    }
  }

  class Pool extends EventEmitter {
    readonly config: { connectionLimit: number; waitForConnections: boolean; queueLimit: number; connection: Config & Record<string, unknown> };
    private all: Connection[] = [];
    private free: Connection[] = [];
    private waiting: Array<(error: unknown, connection?: Connection) => void> = [];
    private closed = false;

    constructor(options: unknown) {
      super();
      const o = isRecord(options) ? options : {};
      this.config = {
        connectionLimit: Number.isNaN(Number(o.connectionLimit)) || o.connectionLimit === undefined ? CONNECTION_LIMIT : Number(o.connectionLimit),
        waitForConnections: o.waitForConnections === undefined ? true : Boolean(o.waitForConnections),
        queueLimit: Number(o.queueLimit ?? 0),
        connection: configOf(options),
      };
    }

    getConnection(cb: (error: unknown, connection?: Connection) => void) {
      const site = captureSite();
      if (this.closed) return guarded(ctx, () => cb(new Error("Pool is closed.")));
      const free = this.free.pop();
      if (free) return queueMicrotask(() => guarded(ctx, () => cb(null, free)));
      if (this.all.length < this.config.connectionLimit) {
        const connection = new Connection(this.config.connection, site);
        connection.pool = this;
        this.all.push(connection);
        connection.whenReady().then(
          () => guarded(ctx, () => cb(null, connection)),
          (error: unknown) => {
            this.all = this.all.filter((c) => c !== connection);
            guarded(ctx, () => cb(error));
          },
        );
        return undefined;
      }
      if (!this.config.waitForConnections) return queueMicrotask(() => guarded(ctx, () => cb(new Error("No connections available."))));
      if (this.config.queueLimit && this.waiting.length >= this.config.queueLimit) return guarded(ctx, () => cb(new Error("Queue limit reached.")));
      this.waiting.push(cb);
      return undefined;
    }

    releaseConnection(connection: Connection) {
      const next = this.waiting.shift();
      if (next) return queueMicrotask(() => guarded(ctx, () => next(null, connection)));
      this.free.push(connection);
      return undefined;
    }

    run(sql: unknown, values: unknown, site: Error): Promise<[unknown, unknown]> {
      return new Promise((resolve, reject) => {
        this.getConnection((error, connection) => {
          if (error || !connection) {
            markErrorSite(ctx, error, site);
            return reject(error);
          }
          connection.run(sql, values, site).then(
            (result) => {
              connection.release();
              resolve(result);
            },
            (err: unknown) => {
              if ((err as { fatal?: boolean }).fatal) {
                connection.destroy();
                this.all = this.all.filter((c) => c !== connection);
              } else connection.release();
              reject(err);
            },
          );
        });
      });
    }

    query(sql: unknown, values?: unknown, cb?: unknown) {
      const site = captureSite();
      const callback = (typeof values === "function" ? values : cb) as Callback | undefined;
      this.run(sql, typeof values === "function" ? undefined : values, site).then(
        ([rows, fields]) => callback && guarded(ctx, () => callback(null, rows, fields)),
        (error) => callback && guarded(ctx, () => callback(error)),
      );
      return this;
    }
    execute(sql: unknown, values?: unknown, cb?: unknown) {
      return this.query(sql, values, cb);
    }

    end(cb?: Callback) {
      this.closed = true;
      for (const connection of this.all) connection.destroy();
      this.all = [];
      this.free = [];
      for (const waiter of this.waiting.splice(0)) guarded(ctx, () => waiter(new Error("Pool is closed.")));
      if (cb) queueMicrotask(() => guarded(ctx, () => cb(null)));
    }

    promise() {
      return promisePool(this);
    }
  }

  const promiseConnection = (connection: Connection) => ({
    query: (sql: unknown, values?: unknown) => connection.run(sql, values, captureSite()),
    execute: (sql: unknown, values?: unknown) => connection.run(sql, values, captureSite()),
    end: () => new Promise<void>((resolve) => connection.end(() => resolve())),
    destroy: () => connection.destroy(),
    release: () => connection.release(),
    beginTransaction: () => connection.run("START TRANSACTION", undefined, captureSite()).then(() => undefined),
    commit: () => connection.run("COMMIT", undefined, captureSite()).then(() => undefined),
    rollback: () => connection.run("ROLLBACK", undefined, captureSite()).then(() => undefined),
    connection,
    config: connection.config,
  });

  const promisePool = (pool: Pool) => ({
    query: (sql: unknown, values?: unknown) => pool.run(sql, values, captureSite()),
    execute: (sql: unknown, values?: unknown) => pool.run(sql, values, captureSite()),
    getConnection: () => {
      const site = captureSite();
      return new Promise((resolve, reject) =>
        pool.getConnection((error, connection) => {
          if (error || !connection) {
            markErrorSite(ctx, error, site);
            reject(error);
          } else resolve(promiseConnection(connection));
        }),
      );
    },
    end: () => new Promise<void>((resolve) => pool.end(() => resolve())),
    pool,
  });

  const createConnection = (config: unknown) => new Connection(configOf(config), captureSite());
  const createPool = (config: unknown) => new Pool(config);
  const escape = (value: unknown) => (typeof value === "number" ? String(value) : value === null || value === undefined ? "NULL" : `'${String(value).replace(/\\/g, "\\\\").replace(/'/g, "\\'")}'`);
  const format = (sql: string, values: unknown[] = []) => {
    let i = 0;
    return sql.replace(/\?/g, () => escape(values[i++]));
  };

  const callbackApi = { createConnection, createPool, createPoolCluster: undefined, escape, format, raw: (sql: string) => ({ toSqlString: () => sql }) };
  const promiseApi = {
    createConnection: (config: unknown) => {
      const connection = createConnection(config);
      return connection.whenReady().then(
        () => promiseConnection(connection),
        (error: unknown) => {
          throw error;
        },
      );
    },
    createPool: (config: unknown) => promisePool(createPool(config)),
    escape,
    format,
  };
  return {
    mysql2: { __esModule: true, default: callbackApi, ...callbackApi },
    promise: { __esModule: true, default: promiseApi, ...promiseApi },
  };
}
