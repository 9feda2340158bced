// `require` (and, through sucrase, `import`) for user code. The simulator runs one file with no
// node_modules: it provides the modules that decide timing (timers, fetch clients, http) and the
// platform glue a handler imports; anything else fails at the import line with a message that
// says how to model the call instead.

import type { TimerGlobals } from "./clock";
import { format, inspect } from "./console";
import * as libraries from "./libraries";
import { createAxios, createHttp, EventEmitter } from "./network";
import type { RunContext } from "./run-context";

export class ModuleNotAvailableError extends Error {
  constructor(readonly specifier: string) {
    super(`${specifier} is not available in the simulator: model its time with await new Promise(r => setTimeout(r, ms))`);
    this.name = "ModuleNotAvailableError";
  }
}

export type ModuleDeps = {
  ctx: RunContext;
  timers: TimerGlobals;
  fetch: (input: unknown, init?: RequestInit) => Promise<Response>;
  performance: unknown;
  process: unknown;
  crypto: unknown;
  /** registers background work the way @vercel/functions' waitUntil does */
  waitUntil: (promise: unknown) => void;
  /** Deno.serve, also behind the std library's serve() */
  serve: (...args: unknown[]) => unknown;
  /** functions.http(name, handler) of Google's functions framework */
  registerHttp: (handler: unknown) => void;
};

const PROMISIFY_CUSTOM = Symbol.for("nodejs.util.promisify.custom");

export function createRequire(deps: ModuleDeps): (specifier: string) => unknown {
  const { ctx, timers } = deps;
  const cache = new Map<string, unknown>();

  const promisify = (fn: unknown) => {
    if (typeof fn !== "function") throw new TypeError('The "original" argument must be of type function');
    const custom = (fn as { [PROMISIFY_CUSTOM]?: unknown })[PROMISIFY_CUSTOM];
    if (typeof custom === "function") return custom;
    return (...args: unknown[]) =>
      new Promise((resolve, reject) => {
        (fn as (...args: unknown[]) => void)(...args, (error: unknown, value: unknown) => (error ? reject(error) : resolve(value)));
      });
  };

  const timersModule = () => ({
    setTimeout: timers.setTimeout,
    setInterval: timers.setInterval,
    setImmediate: timers.setImmediate,
    clearTimeout: timers.clearTimeout,
    clearInterval: timers.clearInterval,
    clearImmediate: timers.clearImmediate,
    promises: timers.promises,
  });

  const eventsModule = () => {
    const once = (emitter: EventEmitter, event: string) =>
      new Promise((resolve, reject) => {
        emitter.once(event, (...args: unknown[]) => resolve(args));
        if (event !== "error") emitter.once("error", reject);
      });
    return Object.assign(EventEmitter, { EventEmitter, once, default: EventEmitter });
  };

  const unsupported = (name: string) => () => {
    throw new ModuleNotAvailableError(name);
  };

  const cryptoModule = () => {
    const web = deps.crypto as Crypto;
    const provided: Record<string, unknown> = {
      webcrypto: web,
      subtle: web.subtle,
      randomUUID: () => web.randomUUID(),
      getRandomValues: <T extends ArrayBufferView>(array: T) => web.getRandomValues(array as unknown as Uint8Array) as unknown as T,
    };
    return new Proxy(provided, {
      get: (target, key) => (typeof key === "string" && !(key in target) ? unsupported(`crypto.${key}`) : target[key as string]),
    });
  };

  const nextServer = () => {
    class NextResponse extends Response {
      static json(data: unknown, init?: ResponseInit) {
        const headers = new Headers(init?.headers);
        if (!headers.has("content-type")) headers.set("content-type", "application/json");
        return new NextResponse(JSON.stringify(data), { ...init, headers });
      }
      static redirect(url: string | URL, status = 307) {
        return new NextResponse(null, { status, headers: { location: String(url) } });
      }
      static next() {
        return new NextResponse(null, { headers: { "x-middleware-next": "1" } });
      }
    }
    class NextRequest extends Request {
      get nextUrl() {
        return new URL(this.url);
      }
    }
    return { NextResponse, NextRequest, after: deps.waitUntil };
  };

  const builtins: Record<string, () => unknown> = {
    timers: timersModule,
    "timers/promises": () => ({ ...timers.promises, default: timers.promises }),
    events: eventsModule,
    util: () => ({
      promisify,
      inspect: (value: unknown) => inspect(value, ctx.map),
      format: (...args: unknown[]) => format(args, ctx.map),
      deprecate: (fn: unknown) => fn,
      inherits: (child: { prototype: object }, parent: { prototype: object }) => Object.setPrototypeOf(child.prototype, parent.prototype),
      types: { isPromise: (value: unknown) => value instanceof Promise },
      TextEncoder,
      TextDecoder,
    }),
    perf_hooks: () => ({ performance: deps.performance }),
    url: () => ({ URL, URLSearchParams }),
    process: () => deps.process,
    crypto: cryptoModule,
    http: () => createHttp(ctx, "http:"),
    https: () => createHttp(ctx, "https:"),
  };

  const packages: Record<string, () => unknown> = {
    axios: () => createAxios(ctx),
    "node-fetch": () => Object.assign(deps.fetch, { default: deps.fetch, Request, Response, Headers }),
    undici: () => ({ fetch: deps.fetch, Request, Response, Headers }),
    "next/server": nextServer,
    "@vercel/functions": () => ({ waitUntil: deps.waitUntil }),
    "@google-cloud/functions-framework": () => ({
      http: (_name: string, handler: unknown) => deps.registerHttp(handler),
      cloudEvent: unsupported("@google-cloud/functions-framework cloudEvent"),
    }),
    // @types-only or runtime-provided packages: importing them must not fail
    "aws-lambda": () => ({}),
    "@netlify/functions": () => ({ schedule: (_cron: string, handler: unknown) => handler, stream: (handler: unknown) => handler }),
    // SDKs on the simulated network with their documented defaults (libraries/SOURCES.md)
    "@aws-sdk/client-s3": () => libraries.clientS3(deps),
    "@aws-sdk/client-sqs": () => libraries.clientSqs(deps),
    "@aws-sdk/client-dynamodb": () => libraries.clientDynamodb(deps),
    "@aws-sdk/lib-dynamodb": () => libraries.libDynamodb(deps),
    "@aws-sdk/util-dynamodb": () => libraries.utilDynamodb(),
    "@aws-sdk/client-lambda": () => libraries.clientLambda(deps),
    "@aws-sdk/client-bedrock-runtime": () => libraries.clientBedrockRuntime(deps),
    "@aws-sdk/client-sns": () => libraries.clientSns(deps),
    "@aws-sdk/client-ses": () => libraries.clientSes(deps),
    "@aws-sdk/client-sesv2": () => libraries.clientSesv2(deps),
    "@aws-sdk/s3-request-presigner": () => libraries.s3RequestPresigner(deps),
    "@smithy/node-http-handler": () => libraries.nodeHttpHandler(),
    "@smithy/util-retry": () => libraries.utilRetry(),
    "aws-sdk": () => libraries.awsSdkV2(deps),
    openai: () => libraries.openai(deps),
    "@anthropic-ai/sdk": () => libraries.anthropic(deps),
  };

  const resolve = (specifier: string): unknown => {
    // type declarations (Supabase's `import "jsr:@supabase/functions-js/edge-runtime.d.ts"`)
    if (/\.d\.ts$/.test(specifier)) return {};
    const bare = specifier.replace(/^node:/, "");
    const builtin = builtins[bare];
    if (builtin) return builtin();
    const name = specifier.replace(/^(npm|jsr):/, "").replace(/^(@[^/@]+\/[^/@]+|[^/@]+)@[^/]*/, "$1");
    const pkg = packages[name];
    if (pkg) return pkg();
    // Deno's standard library server: serve() predates Deno.serve
    if (/^https?:\/\/deno\.land\/std(@[^/]+)?\/http\/server\.ts$/.test(specifier)) return { serve: deps.serve };
    throw new ModuleNotAvailableError(specifier);
  };

  return (specifier: string) => {
    const key = String(specifier);
    if (cache.has(key)) return cache.get(key);
    const value = resolve(key);
    cache.set(key, value);
    return value;
  };
}
