// The modules the simulator itself provides to `require` (and, through sucrase, `import`): the
// Node built-ins that decide timing (timers, http, crypto...), the fetch clients, and the platform
// glue a handler imports. loader.ts puts these first, then modelled modules, then the handler's
// own project; imports.ts reports whatever none of them has.

import type { TimerGlobals } from "./clock";
import { createAssert } from "./assert";
import { format, inspect } from "./console";
import * as libraries from "./libraries";
import { createAxios, createHttp, EventEmitter } from "./network";
import { guarded, type RunContext } from "./run-context";
import { createAzureFunctions, type Register } from "./runtimes";
import { createOs, createPath } from "./node-path";
import { createXMLHttpRequest } from "./xhr";

export class ModuleNotAvailableError extends Error {
  constructor(
    readonly specifier: string,
    hint = "model it with --model on the command line or the editor's Modelled modules, and give its calls a cost rule",
  ) {
    super(`${specifier} is not available in the simulator: ${hint}`);
    this.name = "ModuleNotAvailableError";
  }
}

/** What the simulator has for a specifier: a Node built-in, one of its packages, or type declarations. */
export type ProvidedKind = "builtin" | "package" | "types";

export type ProvidedModules = {
  /** Whether the simulator itself answers this specifier, and how; null when it does not. */
  lookup(specifier: string): ProvidedKind | null;
  /** The module for a specifier lookup() answered (cached per run). */
  load(specifier: string): unknown;
};

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
  /** functions registered by name: Google's functions.http / cloudEvent, Azure's app.http / app.timer / ... */
  register: Register;
  /** a test runner's own packages (@jest/globals, @playwright/test, mocha) */
  extra?: Record<string, () => unknown>;
};

const PROMISIFY_CUSTOM = Symbol.for("nodejs.util.promisify.custom");

const HostBuffer = (globalThis as { Buffer?: unknown }).Buffer;

export function createProvidedModules(deps: ModuleDeps): ProvidedModules {
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
    const fill = <T extends ArrayBufferView>(view: T): T => {
      // getRandomValues takes at most 65536 bytes a call
      const bytes = new Uint8Array(view.buffer, view.byteOffset, view.byteLength);
      for (let at = 0; at < bytes.length; at += 65536) web.getRandomValues(bytes.subarray(at, Math.min(bytes.length, at + 65536)));
      return view;
    };
    const HostBuffer = (globalThis as { Buffer?: { from(bytes: Uint8Array): Uint8Array } }).Buffer;
    const randomBytes = (size: number, callback?: (error: unknown, bytes: Uint8Array) => void) => {
      const bytes = fill(new Uint8Array(size));
      const value = HostBuffer ? HostBuffer.from(bytes) : bytes;
      if (typeof callback === "function") ctx.host.queueMicrotask(() => guarded(ctx, () => callback(null, value)));
      return value;
    };
    const provided: Record<string, unknown> = {
      webcrypto: web,
      subtle: web.subtle,
      randomUUID: () => web.randomUUID(),
      getRandomValues: <T extends ArrayBufferView>(array: T) => web.getRandomValues(array as unknown as Uint8Array) as unknown as T,
      randomFillSync: fill,
      randomBytes,
      randomInt: (min: number, max?: number) => {
        const [low, high] = max === undefined ? [0, min] : [min, max];
        const [word] = fill(new Uint32Array(1));
        return low + ((word as number) % Math.max(1, high - low));
      },
    };
    const module: object = new Proxy(provided, {
      get: (target, key) => {
        if (key === "default") return module;
        if (key === "__esModule" || typeof key === "symbol") return undefined;
        return !(key in target) ? unsupported(`crypto.${key}`) : target[key];
      },
    });
    return module;
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
    path: createPath,
    "path/posix": createPath,
    os: () => createOs(() => ctx.loop.now() / 1000),
    // Buffer is a Node global; where the host has none (a browser worker) node:buffer is not provided
    ...(HostBuffer ? { buffer: () => ({ Buffer: HostBuffer, default: { Buffer: HostBuffer } }) } : {}),
    process: () => deps.process,
    crypto: cryptoModule,
    http: () => createHttp(ctx, "http:"),
    https: () => createHttp(ctx, "https:"),
    assert: () => createAssert(false),
    "assert/strict": () => createAssert(true),
  };

  const packages: Record<string, () => unknown> = {
    axios: () => createAxios(ctx),
    "node-fetch": () => Object.assign(deps.fetch, { default: deps.fetch, Request, Response, Headers }),
    undici: () => libraries.undici(deps),
    request: () => libraries.request(deps),
    "next/server": nextServer,
    "@vercel/functions": () => ({ waitUntil: deps.waitUntil }),
    "@google-cloud/functions-framework": () => googleFunctions(deps.register),
    "@azure/functions": () => createAzureFunctions(deps.register),
    // @types-only or runtime-provided packages: importing them must not fail
    "aws-lambda": () => ({}),
    "@netlify/edge-functions": () => ({}),
    "@cloudflare/workers-types": () => ({}),
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
    pg: () => libraries.pg(deps),
    ioredis: () => libraries.ioredis(deps),
    redis: () => libraries.redis(deps),
    mysql2: () => libraries.mysql2(deps),
    "mysql2/promise": () => libraries.mysql2Promise(deps),
    mongodb: () => libraries.mongodb(deps),
    ai: () => libraries.ai(deps),
    "@supabase/supabase-js": () => libraries.supabase(deps),
    "@ai-sdk/openai": () => libraries.aiSdkOpenai(deps),
    "@ai-sdk/anthropic": () => libraries.aiSdkAnthropic(deps),
    // The Deno Slack SDK and its API client, by the names an app's import map gives them
    // ("deno-slack-sdk/": "https://deno.land/x/deno_slack_sdk@2.15.2/") and by JSR name
    "deno-slack-sdk/mod.ts": () => libraries.slackSdk(deps),
    "deno-slack-sdk/types.ts": () => ({}),
    "deno-slack-api/mod.ts": () => libraries.slackApi(deps),
    "deno-slack-api/types.ts": () => ({}),
    "@slack/sdk": () => libraries.slackSdk(deps),
    "@slack/sdk/mod.ts": () => libraries.slackSdk(deps),
    "@slack/sdk/types.ts": () => ({}),
    "@slack/api": () => libraries.slackApi(deps),
    "@slack/api/types": () => ({}),
  };

  const find = (specifier: string): { kind: ProvidedKind; make: () => unknown } | null => {
    // type declarations (Supabase's `import "jsr:@supabase/functions-js/edge-runtime.d.ts"`)
    if (/\.d\.[cm]?ts$/.test(specifier)) return { kind: "types", make: () => ({}) };
    const bare = specifier.replace(/^node:/, "");
    const builtin = builtins[bare];
    if (builtin) return { kind: "builtin", make: builtin };
    const name = packageName(specifier);
    const own = deps.extra?.[name];
    if (own) return { kind: "package", make: own };
    const pkg = packages[name];
    if (pkg) return { kind: "package", make: pkg };
    // deno.land/x URLs of the Slack SDK and API client, any version
    const slack = /^https?:\/\/deno\.land\/x\/deno_slack_(sdk|api)(@[^/]+)?\/(mod|types)\.ts$/.exec(specifier);
    if (slack) {
      const key = `deno-slack-${slack[1]}/${slack[3]}.ts`;
      const make = packages[key];
      if (make) return { kind: "package", make };
    }
    // Deno's standard library server: serve() predates Deno.serve
    if (/^https?:\/\/deno\.land\/std(@[^/]+)?\/http\/server\.ts$/.test(specifier)) return { kind: "package", make: () => ({ serve: deps.serve }) };
    // Deno's XMLHttpRequest polyfill, imported for its side effect: the global, over the simulated fetch
    if (/^https?:\/\/deno\.land\/x\/xhr(@[^/]+)?\/mod\.ts$/.test(specifier)) {
      return {
        kind: "package",
        make: () => {
          const XMLHttpRequest = createXMLHttpRequest(deps.fetch, (callback, ms) => timers.setTimeout(callback, ms));
          // a new global name: the run's global scope restores it afterwards (injected.ts)
          (globalThis as { XMLHttpRequest?: unknown }).XMLHttpRequest ??= XMLHttpRequest;
          return { XMLHttpRequest };
        },
      };
    }
    return null;
  };

  return {
    lookup: (specifier) => find(String(specifier))?.kind ?? null,
    load: (specifier) => {
      const key = String(specifier);
      if (cache.has(key)) return cache.get(key);
      const found = find(key);
      if (!found) throw new ModuleNotAvailableError(key);
      const value = found.make();
      cache.set(key, value);
      return value;
    },
  };
}

/** @google-cloud/functions-framework: functions.http(name, (req, res) => ...) and functions.cloudEvent(name, (event) => ...). */
function googleFunctions(register: Register) {
  const add = (via: string, trigger: "http" | "cloudEvent") => (name: unknown, handler: unknown) => {
    if (typeof name !== "string" || typeof handler !== "function") throw new TypeError(`${via}(name, handler): give the function a name and a handler`);
    register({ via, name, trigger, fn: handler as (...args: unknown[]) => unknown, options: {} });
  };
  return { http: add("functions.http", "http"), cloudEvent: add("functions.cloudEvent", "cloudEvent") };
}

/** The package a specifier names, without registry prefixes and versions: npm:@scope/pkg@1/sub → @scope/pkg/sub. */
export function packageName(specifier: string): string {
  return specifier
    .replace(/^(npm|jsr):/, "")
    // Deno imports npm packages through CDNs as often as through npm:
    .replace(/^https?:\/\/(esm\.sh|cdn\.skypack\.dev|esm\.run|unpkg\.com|cdn\.jsdelivr\.net\/npm)\/(v\d+\/)?/, "")
    .replace(/^(@[^/@]+\/[^/@]+|[^/@]+)@[^/]*/, "$1")
    .replace(/\?.*$/, "");
}
