// Servers the code itself starts: `http.createServer(handler).listen(port)` binds a loopback port
// of the simulated network, and fetch, axios and node:http calls to that port are answered by
// the handler, on the virtual clock, instead of by the world's rules. A test file that starts
// its app and calls it (Mocha's before hook, supertest-style) runs as it does on a machine.
// Nothing is bound on the host: the "port" only exists in this run's registry.

import type { Answer } from "../world";
import { EventEmitter } from "./http";
import { guarded, type RunContext } from "./run-context";

export type LocalServer = {
  port: number;
  /** answers one request: resolves when the handler ends its response */
  dispatch(request: { method: string; url: string; headers: Record<string, string>; body: string }): Promise<Answer>;
};

const LOOPBACK = new Set(["localhost", "127.0.0.1", "::1", "[::1]", "0.0.0.0", "::"]);
/** Where `listen(0)` ports start: inside Linux's default ephemeral range (32768–60999). */
const FIRST_EPHEMERAL_PORT = 36_001;

const registries = new WeakMap<RunContext, { servers: Map<number, LocalServer>; next: number }>();

function registry(ctx: RunContext) {
  let found = registries.get(ctx);
  if (!found) {
    found = { servers: new Map(), next: FIRST_EPHEMERAL_PORT };
    registries.set(ctx, found);
  }
  return found;
}

/** The server the code started on the URL's loopback port, if any. */
export function localServerFor(ctx: RunContext, url: string): LocalServer | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (!LOOPBACK.has(parsed.hostname)) return null;
  const port = Number(parsed.port || (parsed.protocol === "https:" ? 443 : 80));
  return registry(ctx).servers.get(port) ?? null;
}

type Listener = (...args: unknown[]) => void;

/** http.createServer([options], [listener]): a Server whose listen() binds a simulated loopback port. */
export function createServer(ctx: RunContext, ...args: unknown[]) {
  const server = new EventEmitter() as EventEmitter & Record<string, unknown>;
  const listener = args.find((arg) => typeof arg === "function") as Listener | undefined;
  if (listener) server.on("request", listener);
  let bound: { port: number; host: string } | null = null;
  const later = (task: () => void) => ctx.host.queueMicrotask(() => guarded(ctx, task));

  const local: LocalServer = {
    get port() {
      return bound?.port ?? 0;
    },
    dispatch: (request) =>
      new Promise<Answer>((resolve) => {
        const path = (() => {
          try {
            const u = new URL(request.url);
            return `${u.pathname}${u.search}`;
          } catch {
            return "/";
          }
        })();
        const req = incoming(ctx, request.method, path, request.headers, request.body);
        const res = serverResponse(ctx, request.method, resolve);
        server.emit("request", req, res);
      }),
  };

  Object.assign(server, {
    listening: false,
    listen: (...listenArgs: unknown[]) => {
      const callback = listenArgs.find((arg) => typeof arg === "function") as Listener | undefined;
      const first = listenArgs[0];
      let port: number;
      let host = "::";
      if (typeof first === "object" && first !== null) {
        const options = first as { port?: unknown; host?: unknown };
        port = Number(options.port ?? 0);
        if (typeof options.host === "string") host = options.host;
      } else {
        port = Number(first ?? 0);
        if (typeof listenArgs[1] === "string") host = listenArgs[1];
      }
      const reg = registry(ctx);
      if (callback) server.once("listening", callback);
      if (!Number.isInteger(port) || port < 0 || port > 65535) {
        const error = Object.assign(new RangeError(`options.port should be >= 0 and < 65536. Received type number (${String(first)}).`), { code: "ERR_SOCKET_BAD_PORT" });
        throw error;
      }
      if (port === 0) port = reg.next++;
      if (reg.servers.has(port)) {
        // Node: listen EADDRINUSE: address already in use :::3000, emitted as 'error'
        const error = Object.assign(new Error(`listen EADDRINUSE: address already in use ${host === "::" ? ":::" : `${host}:`}${port}`), { code: "EADDRINUSE", errno: -98, syscall: "listen", address: host, port });
        later(() => server.emit("error", error));
        return server;
      }
      bound = { port, host };
      reg.servers.set(port, local);
      later(() => {
        server.listening = true;
        server.emit("listening");
      });
      return server;
    },
    address: () => (bound && server.listening ? { address: bound.host, family: bound.host.includes(":") ? "IPv6" : "IPv4", port: bound.port } : null),
    close: (callback?: Listener) => {
      if (!bound) {
        const error = Object.assign(new Error("Server is not running."), { code: "ERR_SERVER_NOT_RUNNING" });
        if (callback) later(() => callback(error));
        return server;
      }
      registry(ctx).servers.delete(bound.port);
      bound = null;
      server.listening = false;
      later(() => {
        callback?.();
        server.emit("close");
      });
      return server;
    },
    closeAllConnections: () => undefined,
    closeIdleConnections: () => undefined,
    setTimeout: () => server,
    ref: () => server,
    unref: () => server,
  });
  return server;
}

/** The server side's IncomingMessage: method, url, headers, and the request body as 'data' then 'end'. */
function incoming(ctx: RunContext, method: string, url: string, headers: Record<string, string>, body: string) {
  const req = new EventEmitter() as EventEmitter & Record<string, unknown>;
  let delivered = false;
  const deliver = () => {
    if (delivered) return;
    delivered = true;
    if (body) req.emit("data", body);
    req.complete = true;
    req.emit("end");
  };
  Object.assign(req, {
    method,
    url,
    headers: Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v])),
    httpVersion: "1.1",
    complete: false,
    socket: { remoteAddress: "127.0.0.1", remotePort: 51000 },
    setEncoding: () => req,
    resume: () => req,
    [Symbol.asyncIterator]: async function* () {
      delivered = true;
      if (body) yield body;
    },
  });
  // once the handler has attached its listeners
  ctx.host.queueMicrotask(() => guarded(ctx, deliver));
  return req;
}

/** The server side's ServerResponse: what the handler writes becomes the client's answer on end(). */
function serverResponse(ctx: RunContext, method: string, resolve: (answer: Answer) => void) {
  const res = new EventEmitter() as EventEmitter & Record<string, unknown>;
  const headers: Record<string, string> = {};
  const chunks: string[] = [];
  let ended = false;
  const text = (chunk: unknown) => (chunk === undefined || chunk === null || typeof chunk === "function" ? "" : typeof chunk === "string" ? chunk : new TextDecoder().decode(chunk as Uint8Array));
  Object.assign(res, {
    statusCode: 200,
    statusMessage: "",
    headersSent: false,
    writableEnded: false,
    setHeader: (name: string, value: unknown) => {
      headers[name.toLowerCase()] = Array.isArray(value) ? value.join(", ") : String(value);
      return res;
    },
    getHeader: (name: string) => headers[name.toLowerCase()],
    getHeaders: () => ({ ...headers }),
    hasHeader: (name: string) => name.toLowerCase() in headers,
    removeHeader: (name: string) => void delete headers[name.toLowerCase()],
    writeHead: (status: number, ...rest: unknown[]) => {
      res.statusCode = status;
      const more = rest.find((item) => typeof item === "object" && item !== null) as Record<string, unknown> | undefined;
      for (const [k, v] of Object.entries(more ?? {})) headers[k.toLowerCase()] = String(v);
      res.headersSent = true;
      return res;
    },
    write: (chunk: unknown) => {
      res.headersSent = true;
      chunks.push(text(chunk));
      return true;
    },
    end: (chunk?: unknown, ...rest: unknown[]) => {
      if (ended) return res;
      ended = true;
      if (typeof chunk !== "function") chunks.push(text(chunk));
      res.headersSent = true;
      res.writableEnded = true;
      const callback = [chunk, ...rest].find((item) => typeof item === "function") as Listener | undefined;
      resolve({
        status: Number(res.statusCode) || 200,
        headers: { ...headers },
        body: method === "HEAD" ? "" : chunks.join(""),
        latency: 0,
        source: "server",
      });
      ctx.host.queueMicrotask(() =>
        guarded(ctx, () => {
          callback?.();
          res.emit("finish");
          res.emit("close");
        }),
      );
      return res;
    },
  });
  return res;
}
