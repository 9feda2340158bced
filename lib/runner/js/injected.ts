// What user code sees: the module wrapper's parameters (timers, Date, fetch, console, process,
// Deno, crypto, require), the per-run global scope over the real one, and the platform contexts
// handed to handlers. Everything here is per run, so a warm engine leaks nothing between runs.

import { createDate, createPerformance, createProcess, createTimers } from "./clock";
import { createConsole } from "./console";
import { cryptoCostMs } from "./crypto-cost";
import { isWebFamily, type Family, type Registered } from "./entry";
import { ModuleLoader } from "./loader";
import { createModelledModules } from "./modelled";
import { createProvidedModules } from "./modules";
import type { ProjectFiles } from "./resolve";
import { createAbortSignal, createFetch } from "./network";
import { captureSite, type RunContext } from "./run-context";
import type { Register } from "./runtimes";
import { AWAIT_START, AWAIT_VALUE, GUARD_CHECK, GUARD_COUNTER, GUARD_STATE } from "./transform";
import type { TimerSwitch } from "./test-runners/fake-timers";
import { TEST_GLOBALS } from "./test-runners/globals";

// The wrapper's parameter list: everything user code reaches by a free name goes through here.
export const INJECTED = [
  "exports",
  "require",
  "module",
  "__filename",
  "__dirname",
  "setTimeout",
  "setInterval",
  "setImmediate",
  "clearTimeout",
  "clearInterval",
  "clearImmediate",
  "queueMicrotask",
  "Date",
  "performance",
  "fetch",
  "AbortSignal",
  "console",
  "process",
  "Deno",
  "Netlify",
  "EdgeRuntime",
  "crypto",
  "addEventListener",
  "globalThis",
  "global",
  "self",
  // test runners' globals (test-runners/): undefined outside a jest, mocha or playwright-test run
  ...TEST_GLOBALS,
  GUARD_COUNTER,
  GUARD_CHECK,
  GUARD_STATE,
  AWAIT_START,
  AWAIT_VALUE,
] as const;

export type Injected = Record<(typeof INJECTED)[number], unknown>;

/** Names of the wrapper that belong to one module, not to the global scope. */
const MODULE_LOCAL = new Set(["exports", "require", "module", "__filename", "__dirname"]);

/**
 * The module body is an async function (top-level await, top-level return) nested in a function
 * whose parameters are the injected names: nested, so a user's own `const crypto = require(...)`
 * or `const { setTimeout } = require("timers/promises")` shadows the injected name instead of
 * being a redeclaration. The header shares the user's first line, so lines stay put.
 */
export const MODULE_HEADER = "return async function () {";

export type ModuleFunction = (this: unknown) => Promise<unknown>;

export function compileModule(code: string, filename: string): (...injected: unknown[]) => ModuleFunction {
  return new Function(...INJECTED, `${MODULE_HEADER}${code}\n};\n//# sourceURL=${filename}`) as (...injected: unknown[]) => ModuleFunction;
}

/**
 * A project file runs synchronously inside require(), as in Node, so its errors reach the import
 * line; only a file with top-level await needs the async wrapper (its exports then fill in when
 * the await resumes, which is what Node's require(esm) refuses and bundlers approximate).
 */
function compileDependency(code: string, filename: string): { fn: (...injected: unknown[]) => (this: unknown) => unknown; async: boolean } {
  try {
    return { fn: new Function(...INJECTED, `return function () {${code}\n};\n//# sourceURL=${filename}`) as (...injected: unknown[]) => (this: unknown) => unknown, async: false };
  } catch (error) {
    if (!(error instanceof SyntaxError)) throw error;
    return { fn: compileModule(code, filename), async: true };
  }
}

let lineOffsetCache: number | null = null;

/** Lines the compiled wrapper puts before the body in stack traces (2 in V8), probed once. */
export function lineOffset(): number {
  if (lineOffsetCache !== null) return lineOffsetCache;
  const stack = (new Function("return new Error('probe').stack\n//# sourceURL=deadline-line-probe.js") as () => string)();
  const match = /deadline-line-probe\.js:(\d+):/.exec(String(stack));
  lineOffsetCache = match ? Number(match[1]) - 1 : 2;
  return lineOffsetCache;
}

/** The environment variables a platform sets for every function. */
export function environmentOf(family: Family): Record<string, string> {
  const env: Record<string, string> = { NODE_ENV: "production", TZ: "UTC" };
  if (family === "lambda") {
    Object.assign(env, {
      AWS_REGION: "us-east-1",
      AWS_DEFAULT_REGION: "us-east-1",
      AWS_LAMBDA_FUNCTION_NAME: "simulated-function",
      AWS_LAMBDA_FUNCTION_VERSION: "$LATEST",
      AWS_LAMBDA_FUNCTION_MEMORY_SIZE: "1024",
      AWS_EXECUTION_ENV: "AWS_Lambda_nodejs20.x",
      LAMBDA_TASK_ROOT: "/var/task",
    });
  }
  if (family === "node") Object.assign(env, { VERCEL: "1", VERCEL_REGION: "iad1" });
  return env;
}

/** What the injected globals need of the run. */
export type InjectScope = {
  ctx: RunContext;
  /** the handler's project on disk (Node hosts), null in the editor */
  files: ProjectFiles | null;
  /** the request's modelled modules */
  model: string[];
  family: Family;
  env: Record<string, string>;
  filename: string;
  registered: Registered;
  /** Netlify's platforms get the Netlify global */
  netlify: boolean;
  /** Supabase's edge runtime gets EdgeRuntime (waitUntil for background tasks) */
  supabase?: boolean;
  /** ctx.waitUntil / @vercel/functions waitUntil */
  waitUntil: (promise: unknown) => void;
  /** a test runner's globals (describe, it, expect, jest, ...) and its packages (@jest/globals, @playwright/test) */
  testRunner?: { globals: Record<string, unknown>; modules: Record<string, () => unknown>; timers: TimerSwitch };
};

/** The values for the module wrapper's parameters, `globalThis` included, and the run's module loader. */
export function injectGlobals(scope: InjectScope, moduleObject: { exports: unknown }): { values: Injected; loader: ModuleLoader } {
  const { ctx, family, env, registered } = scope;
  const timers = switchable(createTimers(ctx), scope.testRunner?.timers);
  const log = createConsole(ctx);
  const performance = createPerformance(ctx);
  const process = createProcess(ctx, env, log.write);
  const fetch = createFetch(ctx);
  const AbortSignalVirtual = createAbortSignal(ctx);
  const DateVirtual = fakeableDate(createDate(ctx), scope.testRunner?.timers);
  const crypto = virtualCrypto(ctx);
  const serve = (...args: unknown[]) => {
    const handler = args.find((arg) => typeof arg === "function") ?? (args[0] as { handler?: unknown } | undefined)?.handler;
    if (typeof handler === "function") registered.serve = handler as Registered["serve"];
    return {
      finished: new Promise(() => undefined),
      shutdown: async () => undefined,
      ref: () => undefined,
      unref: () => undefined,
      addr: { transport: "tcp", hostname: "0.0.0.0", port: 8000 },
    };
  };
  const register: Register = (registration) => void registered.registrations.push({ ...registration, site: captureSite() });
  const provided = createProvidedModules({ ctx, timers, fetch, performance, process, crypto, waitUntil: scope.waitUntil, serve, register, ...(scope.testRunner ? { extra: scope.testRunner.modules } : {}) });
  let all: Injected | null = null;
  const loader = new ModuleLoader({
    provided,
    modelled: createModelledModules(ctx),
    model: scope.model,
    files: scope.files,
    filename: scope.filename,
    handlerModule: moduleObject,
    run: (code, display, locals) => {
      const injected = all as Injected;
      const { fn, async } = compileDependency(code.code, display);
      const body = fn(...INJECTED.map((name) => (name in locals ? locals[name as keyof typeof locals] : injected[name])));
      const returned = body.call(locals.exports);
      if (async) (returned as Promise<unknown>).then(undefined, (error: unknown) => ctx.loop.fault(error, "exception"));
    },
  });
  const require = loader.requireFrom(null);
  const Deno = {
    serve,
    env: {
      get: (key: string) => env[key],
      set: (key: string, value: string) => void (env[key] = value),
      has: (key: string) => key in env,
      delete: (key: string) => void delete env[key],
      toObject: () => ({ ...env }),
    },
    version: { deno: "2.1.4", v8: "13.0", typescript: "5.6" },
    build: { os: "linux", arch: "x86_64", target: "x86_64-unknown-linux-gnu" },
    args: [],
    pid: 1,
    exit: process.exit,
    cwd: () => "/",
  };
  // Netlify's global (Functions v2 and Edge Functions): Netlify.env over the same variables
  const Netlify = { env: Deno.env, context: null };
  const addEventListener = (type: string, listener: unknown) => {
    if (type === "fetch" && typeof listener === "function") registered.fetchListener = listener as Registered["fetchListener"];
  };
  const values: Omit<Injected, "globalThis" | "global" | "self"> = {
    exports: moduleObject.exports,
    require,
    module: moduleObject,
    __filename: `/var/task/${scope.filename}`,
    __dirname: "/var/task",
    setTimeout: timers.setTimeout,
    setInterval: timers.setInterval,
    setImmediate: timers.setImmediate,
    clearTimeout: timers.clearTimeout,
    clearInterval: timers.clearInterval,
    clearImmediate: timers.clearImmediate,
    queueMicrotask: timers.queueMicrotask,
    Date: DateVirtual,
    performance,
    fetch,
    AbortSignal: AbortSignalVirtual,
    console: log,
    process,
    Deno: family === "deno" ? Deno : undefined,
    Netlify: scope.netlify ? Netlify : undefined,
    // https://supabase.com/docs/guides/functions/background-tasks: EdgeRuntime.waitUntil(promise)
    // keeps the worker running the task after the response, up to the worker's wall clock
    EdgeRuntime: scope.supabase ? { waitUntil: scope.waitUntil } : undefined,
    crypto,
    addEventListener: isWebFamily(family) ? addEventListener : undefined,
    ...(Object.fromEntries(TEST_GLOBALS.map((name) => [name, scope.testRunner?.globals[name]])) as Record<(typeof TEST_GLOBALS)[number], unknown>),
    [GUARD_COUNTER]: 0,
    [GUARD_CHECK]: ctx.loop.check,
    [GUARD_STATE]: ctx.loop.guardState,
    [AWAIT_START]: ctx.loop.awaitStart,
    [AWAIT_VALUE]: ctx.loop.awaitValue,
  };
  const globalProxy = globalScope(values, family);
  all = { ...values, globalThis: globalProxy, global: globalProxy, self: isWebFamily(family) ? globalProxy : undefined };
  return { values: all, loader };
}

/**
 * Timers that go to a test's fake clock while jest.useFakeTimers() is in force, else to the
 * virtual loop. Outside test runs there is no switch and the loop's timers are used as they are.
 */
function switchable(timers: ReturnType<typeof createTimers>, sw: TimerSwitch | undefined): ReturnType<typeof createTimers> {
  if (!sw) return timers;
  const pick = <K extends "setTimeout" | "setInterval" | "setImmediate" | "clearTimeout" | "clearInterval" | "clearImmediate">(name: K) =>
    ((...args: unknown[]) => (sw.fake ? (sw.fake.globals[name] as (...a: unknown[]) => unknown)(...args) : (timers[name] as (...a: unknown[]) => unknown)(...args))) as ReturnType<typeof createTimers>[K];
  return { ...timers, setTimeout: pick("setTimeout"), setInterval: pick("setInterval"), setImmediate: pick("setImmediate"), clearTimeout: pick("clearTimeout"), clearInterval: pick("clearInterval"), clearImmediate: pick("clearImmediate") };
}

/** Date reading the fake clock while one is installed. */
function fakeableDate(VirtualDate: DateConstructor, sw: TimerSwitch | undefined): DateConstructor {
  if (!sw) return VirtualDate;
  return new Proxy(VirtualDate, {
    get: (target, key) => (key === "now" ? () => (sw.fake ? Math.floor(sw.fake.now) : target.now()) : Reflect.get(target, key)),
    apply: (target, self, args) => (sw.fake ? new Date(Math.floor(sw.fake.now)).toString() : Reflect.apply(target, self, args)),
    construct: (target, args, newTarget) => (sw.fake && args.length === 0 ? Reflect.construct(target, [Math.floor(sw.fake.now)], newTarget) : Reflect.construct(target, args, newTarget)),
  });
}

/** globalThis for user code: the injected names over the real global; writes stay in this run. */
function globalScope(values: Record<string, unknown>, family: Family): object {
  const overlay = new Map<PropertyKey, unknown>(Object.entries(values).filter(([key]) => !key.startsWith("__dl$") && !MODULE_LOCAL.has(key)));
  if (family !== "deno") overlay.delete("Deno");
  if (values.Netlify === undefined) overlay.delete("Netlify");
  if (values.EdgeRuntime === undefined) overlay.delete("EdgeRuntime");
  const bound = new Map<PropertyKey, unknown>();
  const real = globalThis as unknown as Record<PropertyKey, unknown>;
  // The proxy's target is a plain object, not the real global, so no invariant of the real
  // global's non-configurable properties can be violated by the overlay.
  const proxy: object = new Proxy(Object.create(null) as object, {
    get: (_target, key) => {
      if (key === "globalThis" || key === "global" || key === "self") return proxy;
      if (overlay.has(key)) return overlay.get(key);
      const value = real[key];
      // Web IDL functions such as structuredClone or atob reject a Proxy as `this`
      if (typeof value === "function" && !("prototype" in value)) {
        if (!bound.has(key)) bound.set(key, (value as (...args: unknown[]) => unknown).bind(globalThis));
        return bound.get(key);
      }
      return value;
    },
    set: (_target, key, value) => {
      // A new name goes on the real global, so a bare `name` finds it as it would in Node;
      // restoreGlobals() removes it after the run. Injected names and the host's own
      // globals are shadowed instead, so the next run still gets pristine built-ins.
      if (overlay.has(key) || key in real) overlay.set(key, value);
      else real[key] = value;
      return true;
    },
    has: (_target, key) => overlay.has(key) || key in real,
    deleteProperty: (_target, key) => {
      overlay.delete(key);
      return true;
    },
    ownKeys: () => [...new Set([...Reflect.ownKeys(real), ...overlay.keys()])].filter((key) => typeof key === "string" || typeof key === "symbol"),
    getOwnPropertyDescriptor: (_target, key) => {
      if (overlay.has(key)) return { value: overlay.get(key), writable: true, enumerable: true, configurable: true };
      const descriptor = Reflect.getOwnPropertyDescriptor(real, key);
      return descriptor ? { ...descriptor, configurable: true } : undefined;
    },
  });
  return proxy;
}

/**
 * WebCrypto whose promises the loop waits for (they settle on a real host thread), billed by the
 * work the isolate would do rather than by how long the host thread took (crypto-cost.ts).
 */
function virtualCrypto(ctx: RunContext): Crypto | undefined {
  const real = globalThis.crypto;
  if (!real) return undefined;
  const loop = ctx.loop;
  const subtle = new Proxy(real.subtle, {
    get: (target, key) => {
      const value = Reflect.get(target, key) as unknown;
      if (typeof value !== "function") return value;
      return (...args: unknown[]) => {
        const cost = cryptoCostMs(String(key), args, ctx.host.cryptoRates);
        // The host's own call (argument checks, copying the data, queueing the job) is not the
        // isolate's work either when the operation is billed by its model.
        const started = ctx.host.realNow();
        const promise = Promise.resolve((value as (...a: unknown[]) => unknown).apply(target, args));
        return loop.trackReal(promise, cost, ctx.host.realNow() - started);
      };
    },
  });
  return new Proxy(real, {
    get: (target, key) => {
      if (key === "subtle") return subtle;
      const value = Reflect.get(target, key) as unknown;
      return typeof value === "function" ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
}

/** Globals the user code created on the real global object (sloppy `x = 1`) go away. */
export function restoreGlobals(before: Set<PropertyKey>): void {
  const real = globalThis as unknown as Record<PropertyKey, unknown>;
  for (const key of Reflect.ownKeys(globalThis)) {
    if (before.has(key)) continue;
    try {
      delete real[key];
    } catch {
      // non-configurable: nothing more can be done without a fresh worker
    }
  }
}

type LambdaCallbacks = { succeed: (value: unknown) => void; fail: (error: unknown) => void; done: (error: unknown, value?: unknown) => void };

/** Lambda's context object; getRemainingTimeInMillis reads the virtual clock. */
export function lambdaContext(run: { ctx: RunContext; requestId: string; deadline: () => number }, callbacks: LambdaCallbacks) {
  const name = "simulated-function";
  let waits = true;
  const { ctx, requestId } = run;
  return {
    get callbackWaitsForEmptyEventLoop() {
      return waits;
    },
    set callbackWaitsForEmptyEventLoop(value: boolean) {
      waits = value;
    },
    functionName: name,
    functionVersion: "$LATEST",
    invokedFunctionArn: `arn:aws:lambda:us-east-1:123456789012:function:${name}`,
    memoryLimitInMB: "1024",
    awsRequestId: requestId,
    logGroupName: `/aws/lambda/${name}`,
    logStreamName: `${new Date(ctx.epoch).toISOString().slice(0, 10).replace(/-/g, "/")}/[$LATEST]${requestId.replace(/-/g, "")}`,
    getRemainingTimeInMillis: () => Math.max(0, Math.floor(run.deadline() - ctx.loop.now())),
    succeed: callbacks.succeed,
    fail: callbacks.fail,
    done: callbacks.done,
  };
}

/** The second argument of fetch-style handlers: Workers' ExecutionContext and Netlify's Context. */
export function webContext(requestId: string, waitUntil: (promise: unknown) => void): Record<string, unknown> {
  return {
    waitUntil,
    passThroughOnException: () => undefined,
    props: {},
    // Netlify's context fields
    requestId,
    params: {},
    geo: { city: "Ashburn", country: { code: "US", name: "United States" } },
    ip: "127.0.0.1",
    site: { id: "simulated", name: "simulated", url: "https://example.com" },
    account: { id: "simulated" },
    deploy: { id: "simulated", context: "production" },
    server: { region: "us-east-1" },
  };
}
