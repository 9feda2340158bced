// Modelled modules: packages declared present (request `model`) but never run. Importing one gives
// an inert Proxy: property chains give more inert values, and every call or `new` is a modelled
// call, a "modelled" span whose duration is the most specific cost rule naming the call (0 s with
// none, see lib/runner/world/costs.ts).
//
// How time is charged. The packages people model are native or remote (sharp, bcrypt, an SDK, a
// model runtime) and their slow calls are asynchronous, so a modelled call does not block: it
// returns at once with an inert thenable that settles when its cost has passed on the virtual
// loop. `await` (or .then) on it waits that long; calls started together (Promise.all) overlap;
// a call on a pending result (`sharp(x).resize(8).toBuffer()`) starts when its receiver settles,
// so a chain costs the sum of its links. Code that never awaits a result keeps running at once
// (sync use works: every value is inert), and the span still shows what the call would have
// taken. A Node-style callback passed last is called with (null, result) once the cost has passed.
//
// Inert values: `await` on a module, a property or an awaited result gives it back at once (only
// a call's own result is thenable, so nothing hangs); `instanceof` is false; `class X extends
// modelled.Base` works (instances are real objects; the base's methods are inert); iteration
// yields nothing; String(), template literals and JSON.stringify give "[modelled sharp().resize]".

import { userFrames } from "./call-site";
import { captureSite, guarded, type RunContext } from "./run-context";

type Node = {
  /** the path the value was reached by: sharp().resize, @aws-sdk/client-s3.S3Client.send */
  path: string;
  kind: "module" | "value" | "call";
  /** virtual ms at which this value is ready: a call's own result settles then */
  readyMs: number;
};

const described = new WeakMap<object, Node>();

/** "[modelled sharp().resize]" for an inert value, null for anything else. */
export function describeInert(value: unknown): string | null {
  if ((typeof value !== "function" && typeof value !== "object") || value === null) return null;
  const node = described.get(value);
  return node ? placeholder(node) : null;
}

function placeholder(node: Node): string {
  return `[modelled ${node.path}]`;
}

/** Methods that take a listener or a per-item callback rather than a Node-style completion callback. */
const NOT_COMPLETION = new Set([
  "on",
  "once",
  "addListener",
  "prependListener",
  "prependOnceListener",
  "off",
  "removeListener",
  "addEventListener",
  "removeEventListener",
  "subscribe",
  "forEach",
  "map",
  "filter",
  "reduce",
  "reduceRight",
  "some",
  "every",
  "find",
  "findIndex",
  "flatMap",
  "sort",
  "then",
  "catch",
  "finally",
  "use",
  "pipe",
]);

const FUNCTION_METHODS = new Set<PropertyKey>(["call", "apply", "bind"]);

export type ModelledModules = {
  /** The inert module for an import of `name`. */
  load(name: string): unknown;
};

export function createModelledModules(ctx: RunContext): ModelledModules {
  const { loop } = ctx;
  const modules = new Map<string, unknown>();

  const waitFor = (readyMs: number, site: Error): Promise<void> => {
    const delay = readyMs - loop.now();
    if (delay <= 0) return Promise.resolve();
    return new Promise((resolve) => {
      loop.schedule({ kind: "modelled", delay, site, run: () => resolve() });
    });
  };

  const make = (node: Node): unknown => {
    const children = new Map<PropertyKey, unknown>();
    const assigned = new Map<PropertyKey, unknown>();
    let settled: Promise<unknown> | null = null;
    const settledValue = () => make({ path: node.path, kind: "value", readyMs: node.readyMs });
    const promise = (site: Error) => (settled ??= waitFor(node.readyMs, site).then(settledValue));
    const child = (key: PropertyKey): unknown => {
      let value = children.get(key);
      if (value === undefined) {
        // methods reached through a prototype (a subclass instance's) are named after the class
        const path = key === "prototype" ? node.path : `${node.path}.${String(key)}`;
        value = make({ path, kind: "value", readyMs: node.readyMs });
        children.set(key, value);
      }
      return value;
    };
    // A function target makes the value callable and constructible; strict, so it has no own
    // `caller`/`arguments` whose invariants a Proxy would have to respect.
    const target = function modelled() {} as unknown as (...args: unknown[]) => unknown;
    const proxy: unknown = new Proxy(target, {
      get(_target, key) {
        if (assigned.has(key)) return assigned.get(key);
        if (key === "then") {
          if (node.kind !== "call") return undefined;
          const site = captureSite();
          return (onFulfilled?: (value: unknown) => unknown, onRejected?: (reason: unknown) => unknown) => promise(site).then(onFulfilled, onRejected);
        }
        if (node.kind === "call" && (key === "catch" || key === "finally")) {
          const site = captureSite();
          return key === "catch" ? (onRejected?: (reason: unknown) => unknown) => promise(site).catch(onRejected) : (onFinally?: () => void) => promise(site).finally(onFinally);
        }
        if (key === "__esModule") return node.kind === "module" ? true : undefined;
        // `import x from "m"` reads .default of a module marked __esModule: the module itself
        if (key === "default" && node.kind === "module") return proxy;
        if (key === Symbol.toPrimitive) return (hint: string) => (hint === "number" ? Number.NaN : placeholder(node));
        if (key === "toString" || key === "toLocaleString" || key === "valueOf" || key === "toJSON") return () => placeholder(node);
        if (key === Symbol.iterator) return function* () {};
        if (key === Symbol.asyncIterator) return async function* () {};
        // false for the modelled class itself; a user's subclass keeps ordinary instanceof
        if (key === Symbol.hasInstance) {
          return function (this: unknown, value: unknown) {
            return this !== proxy && typeof this === "function" && (Function.prototype[Symbol.hasInstance] as (value: unknown) => boolean).call(this, value);
          };
        }
        if (key === Symbol.toStringTag) return "Modelled";
        // fn.call(thisArg, ...) (sucrase calls default imports that way) must reach the apply trap
        if (FUNCTION_METHODS.has(key)) return Reflect.get(Function.prototype, key);
        if (typeof key === "symbol") return undefined;
        return child(key);
      },
      set(_target, key, value) {
        assigned.set(key, value);
        return true;
      },
      defineProperty(_target, key, descriptor) {
        assigned.set(key, descriptor.value ?? descriptor.get?.());
        return true;
      },
      deleteProperty(_target, key) {
        assigned.delete(key);
        return true;
      },
      has(_target, key) {
        return key === "prototype" || assigned.has(key);
      },
      apply(_target, _thisArg, args: unknown[]) {
        return call(node, args, false);
      },
      construct(_target, args: unknown[], newTarget) {
        if (newTarget !== proxy) {
          // `class X extends modelled.Base`: super() gives a real instance of X
          call(node, args, true);
          return Reflect.construct(Object, [], newTarget) as object;
        }
        return call(node, args, true) as object;
      },
    });
    described.set(proxy as object, node);
    return proxy;
  };

  const call = (callee: Node, args: unknown[], isNew: boolean): unknown => {
    const site = captureSite();
    const now = loop.now();
    const names = isNew ? [`${callee.path}()`, `new ${callee.path}`] : [callee.path, `${callee.path}()`];
    const variable = calleeText(ctx, site);
    if (variable && !isNew) names.push(variable, `${variable}()`);
    const cost = ctx.costs.costOf(names);
    const start = Math.max(now, callee.readyMs);
    const readyMs = start + (cost?.seconds ?? 0) * 1000;
    loop.addSpan({
      kind: "modelled",
      startMs: now,
      endMs: readyMs,
      site,
      label: `modelled: ${isNew ? "new " : ""}${callee.path}`,
      ...(cost ? { cost: cost.pattern } : {}),
      open: true,
    });
    // an instance is named after its class (S3Client.send), a call's result after the call
    const result = make({ path: isNew ? callee.path : `${callee.path}()`, kind: isNew ? "value" : "call", readyMs });
    const last = args[args.length - 1];
    const method = callee.path.slice(callee.path.lastIndexOf(".") + 1);
    if (!isNew && typeof last === "function" && !NOT_COMPLETION.has(method)) {
      const settledValue = make({ path: `${callee.path}()`, kind: "value", readyMs });
      loop.schedule({
        kind: "modelled",
        delay: readyMs - now,
        site,
        run: () => guarded(ctx, () => void (last as (error: unknown, value: unknown) => unknown)(null, settledValue)),
      });
    }
    return result;
  };

  return {
    load(name) {
      let module = modules.get(name);
      if (module === undefined) {
        module = make({ path: name, kind: "module", readyMs: 0 });
        modules.set(name, module);
      }
      return module;
    },
  };
}

const IDENTIFIER = /[\w$]/;

/**
 * The callee as written at the call site, when it is a plain name chain: `model.generate` for
 * `await model.generate(x)`, `pipe` (called) for `pipe(x)`. V8 puts a call's position on the
 * last name of its callee, so the text is read backwards from there. Import bindings are
 * rewritten by the transform (`_sharp2.default.call(...)`); those give no name.
 */
function calleeText(ctx: RunContext, site: Error): string | null {
  const source = ctx.source;
  if (!source) return null;
  const frame = userFrames(site.stack, ctx.map)[0];
  if (!frame) return null;
  const lineStart = ctx.map.lineStarts[frame.line - 1];
  if (lineStart === undefined) return null;
  let end = lineStart + frame.column - 1;
  const from = end;
  while (end < source.length && IDENTIFIER.test(source[end] as string)) end++;
  if (end === from || source.startsWith("new", from) && !IDENTIFIER.test(source[from + 3] ?? "")) return null;
  let start = from;
  for (;;) {
    let at = start;
    while (at > 0 && IDENTIFIER.test(source[at - 1] as string)) at--;
    start = at;
    if (start > 0 && source[start - 1] === "." && start > 1 && IDENTIFIER.test(source[start - 2] as string)) {
      start -= 1;
      continue;
    }
    break;
  }
  const text = source.slice(start, end);
  if (!text || /^\d/.test(text) || /\.(call|apply)$/.test(text) || /^_\w*\d*\.default\b/.test(text)) return null;
  return text;
}
