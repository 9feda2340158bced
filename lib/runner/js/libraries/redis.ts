// Redis clients on the simulated network: ioredis 6.0.0 (redis/ioredis at dfd5428) and node-redis
// 4.7.1 (`redis`, redis/node-redis tag redis@4.7.1). A connection is a network call to host:6379
// and each command a round trip (database.ts: a rule's JSON body is the reply, {"error": "..."}
// an error reply; no rule gives the command's plainest reply). A connected client's socket keeps
// Node's event loop alive until quit()/disconnect(), as a real one does.
//
// ioredis connects at construction (lazyConnect false), gives each attempt connectTimeout 10000 ms
// ("connect ETIMEDOUT"), reconnects after retryStrategy's min(2^(n-1) × 50, 5000) ms + up to
// 200 ms jitter, queues commands while offline, and fails queued commands with
// MaxRetriesPerRequestError after maxRetriesPerRequest (20) reconnects; commandTimeout (none by
// default) rejects a command with "Command timed out". node-redis v4 connects on connect(), with
// connectTimeout 5000 ms per attempt ("Connection timeout") and reconnectStrategy
// min(retries × 50, 500) ms; its 'error' events crash the process when nothing listens.

import { EventEmitter } from "../http";
import { captureSite, guarded, markErrorSite, type RunContext } from "../run-context";
import type { Op } from "../virtual-loop";
import { dbConnect, dbRoundTrip, dbUrl, econnrefused, serverError, SocketHandle } from "./database";
import { isRecord, logLine, parseJson } from "./transport";
import type { Answer } from "../../world";

type Deps = { ctx: RunContext; process: unknown };

/** ioredis lib/redis/RedisOptions.ts DEFAULT_REDIS_OPTIONS */
const IOREDIS = { port: 6379, host: "localhost", connectTimeout: 10_000, maxRetriesPerRequest: 20 };
/** node-redis 4.7.1 packages/client/lib/client/socket.ts: connectTimeout ??= 5000; reconnect min(retries * 50, 500) */
const NODE_REDIS_CONNECT_TIMEOUT = 5000;

/** The reply a command gets from a server no rule describes: its plainest one. */
function plainReply(command: string, args: unknown[]): unknown {
  const c = command.toLowerCase();
  if (["set", "setex", "psetex", "mset", "hmset", "flushdb", "flushall", "select", "auth", "quit", "rename", "ltrim", "lset"].includes(c)) return "OK";
  if (c === "ping") return args.length ? args[0] : "PONG";
  if (["get", "hget", "getdel", "getex", "lpop", "rpop", "spop", "lindex", "getset", "brpop", "blpop"].includes(c)) return null;
  if (["hgetall"].includes(c)) return {};
  if (["keys", "lrange", "smembers", "zrange", "zrangebyscore", "hkeys", "hvals", "sinter", "sunion", "scan"].includes(c)) return c === "scan" ? ["0", []] : [];
  if (c === "mget" || c === "hmget") return (c === "hmget" ? args.slice(1) : args).map(() => null);
  if (["incr", "decr", "incrby", "decrby", "hincrby", "lpush", "rpush", "sadd", "zadd", "hset", "hsetnx", "setnx", "expire", "pexpire", "expireat", "publish", "exists"].includes(c)) {
    if (c === "incrby" || c === "hincrby") return Number(args[args.length - 1]) || 0;
    if (c === "decr") return -1;
    if (c === "decrby") return -(Number(args[1]) || 0);
    if (c === "exists" || c === "publish") return 0;
    return 1;
  }
  if (c === "ttl" || c === "pttl") return -2;
  if (c === "type") return "none";
  return 0;
}

export function redisModules(deps: Deps) {
  const { ctx } = deps;

  class ReplyError extends Error {
    command?: { name: string; args: unknown[] };
    constructor(message: string) {
      super(message);
      this.name = "ReplyError";
    }
  }

  const replyOf = (answer: Answer, command: string, args: unknown[]) => {
    if (answer.source === "default") return plainReply(command, args);
    const json = parseJson(answer.body);
    const value = json === undefined ? answer.body : json;
    if (isRecord(value) && value.error !== undefined) return new ReplyError(serverError(value.error).message);
    return value;
  };

  /** One command round trip on an open connection. */
  const roundTrip = (url: string, site: Error, client: string, command: string, args: unknown[], timeoutMs: number, timeoutError: () => Error) =>
    dbRoundTrip({
      ctx,
      url,
      site,
      verb: "COMMAND",
      detail: `${client} ${command.toUpperCase()}${args.length ? ` ${String(args[0]).slice(0, 40)}` : ""}`,
      timers: timeoutMs > 0 ? [{ ms: timeoutMs, phase: "any", note: `commandTimeout ${timeoutMs} ms`, fire: timeoutError }] : [],
    }).then((answer) => {
      const reply = replyOf(answer, command, args);
      if (reply instanceof ReplyError) {
        markErrorSite(ctx, reply, site);
        throw reply;
      }
      return reply;
    });

  // ---- ioredis -------------------------------------------------------------------------------

  class MaxRetriesPerRequestError extends Error {
    constructor(maxRetriesPerRequest: number) {
      super(`Reached the max retries per request limit (which is ${maxRetriesPerRequest}). Refer to "maxRetriesPerRequest" option for details.`);
      this.name = "MaxRetriesPerRequestError";
    }
  }

  type Queued = { command: string; args: unknown[]; site: Error; resolve: (v: unknown) => void; reject: (e: unknown) => void };

  class IORedis extends EventEmitter {
    status = "wait";
    readonly options: Record<string, unknown> & { host: string; port: number; connectTimeout: number; maxRetriesPerRequest: number | null; commandTimeout?: number; enableOfflineQueue: boolean; retryStrategy: (times: number) => unknown; lazyConnect: boolean; db: number };
    private socket: SocketHandle | null = null;
    private queue: Queued[] = [];
    private retryAttempts = 0;
    private reconnectTimer: Op | null = null;
    private manuallyClosing = false;
    private readonly url: string;

    constructor(...args: unknown[]) {
      super();
      let options: Record<string, unknown> = {};
      for (const arg of args) {
        if (typeof arg === "number") options.port = arg;
        else if (typeof arg === "string") {
          if (/^rediss?:\/\//.test(arg)) {
            const u = new URL(arg);
            options = { ...options, host: u.hostname || IOREDIS.host, ...(u.port ? { port: Number(u.port) } : {}), ...(u.password ? { password: decodeURIComponent(u.password) } : {}), ...(u.pathname.length > 1 ? { db: Number(u.pathname.slice(1)) } : {}) };
          } else options.host = arg;
        } else if (isRecord(arg)) options = { ...options, ...arg };
      }
      this.options = {
        ...options,
        host: String(options.host ?? IOREDIS.host),
        port: Number(options.port ?? IOREDIS.port),
        connectTimeout: Number(options.connectTimeout ?? IOREDIS.connectTimeout),
        maxRetriesPerRequest: options.maxRetriesPerRequest === null ? null : Number(options.maxRetriesPerRequest ?? IOREDIS.maxRetriesPerRequest),
        ...(typeof options.commandTimeout === "number" ? { commandTimeout: options.commandTimeout } : {}),
        enableOfflineQueue: options.enableOfflineQueue !== false,
        lazyConnect: options.lazyConnect === true,
        db: Number(options.db ?? 0),
        retryStrategy:
          typeof options.retryStrategy === "function"
            ? (options.retryStrategy as (times: number) => unknown)
            : (times: number) => Math.min(2 ** (times - 1) * 50, 5000) + Math.floor(Math.random() * 200),
      };
      this.url = dbUrl("redis", this.options.host, this.options.port, String(this.options.db));
      if (!this.options.lazyConnect) this.connect().catch(() => undefined);
    }

    connect(callback?: (error?: unknown) => void) {
      const site = captureSite();
      if (this.status === "connecting" || this.status === "connect" || this.status === "ready") {
        const error = new Error("Redis is already connecting/connected");
        return Promise.reject(error);
      }
      this.manuallyClosing = false;
      const done = this.attempt(site);
      if (callback) done.then(() => guarded(ctx, () => callback()), (e) => guarded(ctx, () => callback(e)));
      return done;
    }

    private attempt(site: Error): Promise<void> {
      this.status = "connecting";
      const timeout = this.options.connectTimeout;
      return dbConnect({
        ctx,
        url: this.url,
        site,
        detail: `ioredis connect${this.retryAttempts ? `, reconnect ${this.retryAttempts}` : ""}`,
        // event_handler.ts: the connect timer destroys the stream with Error("connect ETIMEDOUT")
        timers: timeout > 0 ? [{ ms: timeout, phase: "any", note: `connectTimeout ${timeout} ms`, fire: () => Object.assign(new Error("connect ETIMEDOUT"), { errorno: "ETIMEDOUT", code: "ETIMEDOUT", syscall: "connect" }) }] : [],
        refusedError: () => econnrefused(this.options.host, this.options.port),
      }).then(
        () => {
          if (this.manuallyClosing) return;
          this.status = "ready";
          this.retryAttempts = 0;
          this.socket = new SocketHandle(ctx, site, `ioredis connection to ${this.options.host}:${this.options.port} (open until quit() or disconnect())`);
          this.emit("connect");
          this.emit("ready");
          const queued = this.queue.splice(0);
          for (const q of queued) this.send(q);
        },
        (error: unknown) => {
          this.onClose(error, site);
          throw error;
        },
      );
    }

    private onClose(error: unknown, site: Error) {
      // silentEmit: with no 'error' listener ioredis prints the error instead of throwing it
      if (this.listenerCount("error") > 0) this.emit("error", error);
      else logLine(ctx, `[ioredis] Unhandled error event: ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`);
      if (this.manuallyClosing) return this.end(new Error("Connection is closed."));
      this.status = "reconnecting";
      const delay = this.options.retryStrategy(++this.retryAttempts);
      if (typeof delay !== "number") return this.end(new Error("Connection is closed."));
      const max = this.options.maxRetriesPerRequest;
      if (typeof max === "number" && max >= 0 && this.retryAttempts % (max + 1) === 0) this.flush(new MaxRetriesPerRequestError(max));
      this.reconnectTimer = ctx.loop.schedule({
        kind: "timeout",
        delay,
        site,
        span: { kind: "timer", label: `ioredis reconnect in ${delay} ms (retryStrategy, attempt ${this.retryAttempts})` },
        run: () => {
          this.reconnectTimer = null;
          this.attempt(site).catch(() => undefined);
        },
      });
    }

    private end(error: Error) {
      this.status = "end";
      this.flush(error);
      this.emit("end");
    }

    private flush(error: Error) {
      for (const q of this.queue.splice(0)) {
        markErrorSite(ctx, error, q.site);
        q.reject(error);
      }
    }

    private send(q: Queued) {
      roundTrip(this.url, q.site, "ioredis", q.command, q.args, this.options.commandTimeout ?? 0, () => new Error("Command timed out")).then(q.resolve, q.reject);
    }

    call(command: string, ...args: unknown[]) {
      const site = captureSite();
      const callback = typeof args[args.length - 1] === "function" ? (args.pop() as (e: unknown, v?: unknown) => void) : null;
      const flat = args.flat();
      const result = new Promise((resolve, reject) => {
        const q: Queued = { command, args: flat, site, resolve, reject };
        if (this.status === "ready") this.send(q);
        else if (this.status === "end") reject(markSite(new Error("Connection is closed."), site));
        else if (!this.options.enableOfflineQueue) reject(markSite(new Error("Stream isn't writeable and enableOfflineQueue options is false"), site));
        else this.queue.push(q);
      });
      if (callback) {
        result.then((v) => guarded(ctx, () => callback(null, v)), (e) => guarded(ctx, () => callback(e)));
      }
      return result;
    }

    quit() {
      const site = captureSite();
      this.manuallyClosing = true;
      if (this.status !== "ready") {
        this.disconnect();
        return Promise.resolve("OK");
      }
      return roundTrip(this.url, site, "ioredis", "quit", [], 0, () => new Error("Command timed out")).then((reply) => {
        this.close();
        return reply;
      });
    }

    disconnect() {
      this.manuallyClosing = true;
      if (this.reconnectTimer) ctx.loop.cancel(this.reconnectTimer, "disconnect()");
      this.reconnectTimer = null;
      this.close();
    }

    private close() {
      this.socket?.close("quit()/disconnect()");
      this.socket = null;
      this.end(new Error("Connection is closed."));
    }

    pipeline(commands: unknown[][] = []) {
      return makePipeline(this, commands);
    }

    multi(commands: unknown[][] = []) {
      return makePipeline(this, commands);
    }

    duplicate() {
      return new IORedis(this.options);
    }
  }

  const markSite = (error: Error, site: Error) => {
    markErrorSite(ctx, error, site);
    return error;
  };

  /** A pipeline is one round trip for all its commands; exec() gives [[error, reply], ...]. */
  function makePipeline(client: IORedis, initial: unknown[][]) {
    const commands: Array<[string, unknown[]]> = initial.map(([name, ...args]) => [String(name), args]);
    const pipeline: Record<string, unknown> = {
      exec: async () => {
        if (commands.length === 0) return [];
        const replies = await client.call("pipeline", ...commands.map(([name]) => name)).catch((error: unknown) => error);
        if (replies instanceof Error && !(replies instanceof ReplyError)) throw replies;
        const list = Array.isArray(replies) ? replies : commands.map(([name, args]) => plainReply(name, args));
        return commands.map((_, i) => [null, list[i] ?? null]);
      },
      length: () => commands.length,
    };
    const proxy: unknown = new Proxy(pipeline, {
      get(target, key) {
        if (typeof key !== "string") return undefined;
        if (key in target) return target[key];
        return (...args: unknown[]) => {
          commands.push([key, args.flat()]);
          return proxy;
        };
      },
    });
    return proxy;
  }

  /** Any other method is a Redis command of that name (get, set, hgetall, ...). */
  const withCommands = <T extends object>(target: T, send: (command: string, args: unknown[]) => unknown): T =>
    new Proxy(target, {
      get(t, key, receiver) {
        if (typeof key !== "string" || key in t) return Reflect.get(t, key, receiver);
        if (!/^[a-zA-Z]+$/.test(key) || key === "then") return undefined;
        return (...args: unknown[]) => send(key, args);
      },
    });

  const IORedisExport = new Proxy(IORedis, {
    construct(target, args) {
      const instance = new target(...(args as unknown[]));
      return withCommands(instance, (command, a) => instance.call(command, ...a));
    },
  });

  // ---- node-redis v4 -------------------------------------------------------------------------

  class ConnectionTimeoutError extends Error {
    constructor() {
      super("Connection timeout");
      this.name = "ConnectionTimeoutError";
    }
  }
  class ClientClosedError extends Error {
    constructor() {
      super("The client is closed");
      this.name = "ClientClosedError";
    }
  }
  class ErrorReply extends Error {
    constructor(message: string) {
      super(message);
      this.name = "ErrorReply";
    }
  }

  class NodeRedisClient extends EventEmitter {
    isOpen = false;
    isReady = false;
    private socket: SocketHandle | null = null;
    private readonly host: string;
    private readonly port: number;
    private readonly url: string;
    private readonly connectTimeout: number;
    private readonly reconnectStrategy: (retries: number, cause: Error) => unknown;
    private offline: Array<() => void> = [];

    constructor(options: { url?: string; socket?: { host?: string; port?: number; connectTimeout?: number; reconnectStrategy?: unknown }; database?: number } = {}) {
      super();
      const u = options.url ? new URL(options.url) : null;
      this.host = options.socket?.host ?? (u?.hostname || "localhost");
      this.port = Number(options.socket?.port ?? (u?.port || 6379));
      this.connectTimeout = options.socket?.connectTimeout ?? NODE_REDIS_CONNECT_TIMEOUT;
      const strategy = options.socket?.reconnectStrategy;
      this.reconnectStrategy = strategy === false ? () => false : typeof strategy === "number" ? () => strategy : typeof strategy === "function" ? (strategy as (r: number, c: Error) => unknown) : (retries: number) => Math.min(retries * 50, 500);
      this.url = dbUrl("redis", this.host, this.port, String(options.database ?? (u && u.pathname.length > 1 ? u.pathname.slice(1) : 0)));
    }

    async connect() {
      const site = captureSite();
      if (this.isOpen) throw markSite(new Error("Socket already opened"), site);
      this.isOpen = true;
      let retries = 0;
      for (;;) {
        try {
          await dbConnect({
            ctx,
            url: this.url,
            site,
            detail: `node-redis connect${retries ? `, retry ${retries}` : ""}`,
            timers: this.connectTimeout > 0 ? [{ ms: this.connectTimeout, phase: "any", note: `connectTimeout ${this.connectTimeout} ms`, fire: () => new ConnectionTimeoutError() }] : [],
            refusedError: () => econnrefused(this.host, this.port),
          });
          break;
        } catch (error) {
          const retryIn = this.reconnectStrategy(retries++, error as Error);
          if (typeof retryIn !== "number") {
            this.isOpen = false;
            throw retryIn instanceof Error ? retryIn : error;
          }
          // an 'error' event with no listener is thrown, and ends the process
          if (this.listenerCount("error") > 0) this.emit("error", error);
          else ctx.loop.fault(error, "exception");
          this.emit("reconnecting");
          await new Promise<void>((resolve) => ctx.loop.schedule({ kind: "timeout", delay: retryIn, site, span: { kind: "timer", label: `node-redis reconnect in ${retryIn} ms (reconnectStrategy)` }, run: resolve }));
          if (!this.isOpen) throw markSite(new ClientClosedError(), site);
        }
      }
      this.socket = new SocketHandle(ctx, site, `node-redis connection to ${this.host}:${this.port} (open until quit() or disconnect())`);
      this.isReady = true;
      this.emit("connect");
      this.emit("ready");
      for (const go of this.offline.splice(0)) go();
      return this;
    }

    sendCommand(args: unknown[]) {
      const [command, ...rest] = args.map(String);
      return this.command(command ?? "", rest);
    }

    command(command: string, args: unknown[]) {
      const site = captureSite();
      if (!this.isOpen) return Promise.reject(markSite(new ClientClosedError(), site));
      const run = () =>
        roundTrip(this.url, site, "node-redis", command, args, 0, () => new Error("timeout")).catch((error: unknown) => {
          throw error instanceof ReplyError ? markSite(new ErrorReply(error.message), site) : error;
        });
      if (this.isReady) return run();
      return new Promise((resolve, reject) => this.offline.push(() => run().then(resolve, reject)));
    }

    async quit() {
      const reply = this.isReady ? await this.command("quit", []) : "OK";
      this.close();
      return reply;
    }

    async disconnect() {
      this.close();
    }

    private close() {
      this.socket?.close("quit()/disconnect()");
      this.socket = null;
      this.isOpen = false;
      this.isReady = false;
      this.emit("end");
    }

    multi() {
      const commands: Array<[string, unknown[]]> = [];
      const client = this;
      const multi: Record<string, unknown> = {
        exec: async () => {
          const replies = await client.command("exec", commands.map(([n]) => n));
          return Array.isArray(replies) ? replies : commands.map(([n, a]) => plainReply(n, a));
        },
      };
      const proxy: unknown = new Proxy(multi, {
        get(target, key) {
          if (typeof key !== "string") return undefined;
          if (key in target) return target[key];
          return (...args: unknown[]) => {
            commands.push([key, args.flat()]);
            return proxy;
          };
        },
      });
      return proxy;
    }
  }

  /** node-redis names commands in camelCase (hGetAll, setEx); set(key, value, { EX }) takes options. */
  const createClient = (options?: ConstructorParameters<typeof NodeRedisClient>[0]) => {
    const client = new NodeRedisClient(options);
    return withCommands(client, (name, args) => {
      const flat: unknown[] = [];
      for (const arg of args) {
        if (isRecord(arg) && !Array.isArray(arg)) for (const [k, v] of Object.entries(arg)) flat.push(k, v);
        else if (Array.isArray(arg)) flat.push(...arg);
        else flat.push(arg);
      }
      return client.command(name.toLowerCase(), flat);
    });
  };

  const ioredis = { __esModule: true, default: IORedisExport, Redis: IORedisExport, ReplyError, MaxRetriesPerRequestError, Cluster: undefined };
  const redis = { __esModule: true, createClient, ConnectionTimeoutError, ClientClosedError, ErrorReply, default: { createClient } };
  return { ioredis: Object.assign(IORedisExport, ioredis), redis };
}
