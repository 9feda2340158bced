// Jest's `expect` and `jest.fn()` as test files use them, written for the simulator: the common
// matchers with `.not`, `.resolves` and `.rejects`, asymmetric matchers, and mock functions with
// the mock* helpers. Failure texts follow expect's own layout (`expect(received).toBe(expected)
// // Object.is equality`, then Expected / Received), which Playwright Test shares for values.

export class AssertionFailure extends Error {
  constructor(message: string) {
    super(message);
    this.name = "Error";
  }
}

type Asymmetric = { asymmetricMatch(other: unknown): boolean; toString(): string };

function isAsymmetric(value: unknown): value is Asymmetric {
  return typeof value === "object" && value !== null && typeof (value as Asymmetric).asymmetricMatch === "function";
}

/** pretty-format's look for the values a matcher prints. */
export function show(value: unknown, depth = 0): string {
  if (isAsymmetric(value)) return value.toString();
  if (typeof value === "string") return JSON.stringify(value);
  if (typeof value === "function") return isMock(value) ? `[MockFunction${value.getMockName() === "jest.fn()" ? "" : ` ${value.getMockName()}`}]` : `[Function ${value.name || "anonymous"}]`;
  if (value instanceof Error) return `[${value.name}: ${value.message}]`;
  if (value === undefined || value === null || typeof value !== "object") return String(value);
  if (depth > 3) return Array.isArray(value) ? "[Array]" : "[Object]";
  if (Array.isArray(value)) return `[${value.map((item) => show(item, depth + 1)).join(", ")}]`;
  const entries = Object.entries(value as Record<string, unknown>).map(([k, v]) => `${JSON.stringify(k)}: ${show(v, depth + 1)}`);
  return entries.length ? `{${entries.join(", ")}}` : "{}";
}

export function equals(a: unknown, b: unknown, strict = false): boolean {
  if (isAsymmetric(b)) return b.asymmetricMatch(a);
  if (isAsymmetric(a)) return a.asymmetricMatch(b);
  if (Object.is(a, b)) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  if (a instanceof Date && b instanceof Date) return a.getTime() === b.getTime();
  if (a instanceof RegExp && b instanceof RegExp) return String(a) === String(b);
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (strict && Object.getPrototypeOf(a) !== Object.getPrototypeOf(b)) return false;
  if (a instanceof Map && b instanceof Map) return a.size === b.size && [...a].every(([k, v]) => b.has(k) && equals(v, b.get(k), strict));
  if (a instanceof Set && b instanceof Set) return a.size === b.size && [...a].every((v) => [...b].some((w) => equals(v, w, strict)));
  const keys = (o: object) => Object.keys(o).filter((k) => strict || (o as Record<string, unknown>)[k] !== undefined);
  const ka = keys(a);
  const kb = keys(b);
  if (ka.length !== kb.length) return false;
  return ka.every((k) => Object.prototype.hasOwnProperty.call(b, k) && equals((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], strict));
}

function matchesObject(actual: unknown, expected: unknown): boolean {
  if (isAsymmetric(expected)) return expected.asymmetricMatch(actual);
  if (typeof expected !== "object" || expected === null) return equals(actual, expected);
  if (typeof actual !== "object" || actual === null) return false;
  if (Array.isArray(expected)) return Array.isArray(actual) && actual.length === expected.length && expected.every((item, i) => matchesObject(actual[i], item));
  return Object.entries(expected).every(([k, v]) => matchesObject((actual as Record<string, unknown>)[k], v));
}

// ------------------------------------------------------------------ mock functions

export type Mock = ((...args: unknown[]) => unknown) & {
  _isMockFunction: true;
  mock: { calls: unknown[][]; results: Array<{ type: "return" | "throw"; value: unknown }>; instances: unknown[]; lastCall?: unknown[] };
  getMockName(): string;
  [key: string]: unknown;
};

export function isMock(value: unknown): value is Mock {
  return typeof value === "function" && (value as unknown as Partial<Mock>)._isMockFunction === true;
}

export function createMock(implementation?: (...args: unknown[]) => unknown): Mock {
  let impl = implementation;
  const once: Array<(...args: unknown[]) => unknown> = [];
  let name = "jest.fn()";
  const state: Mock["mock"] = { calls: [], results: [], instances: [] };
  const mock = function (this: unknown, ...args: unknown[]) {
    state.calls.push(args);
    state.lastCall = args;
    state.instances.push(this);
    const next = once.shift() ?? impl;
    try {
      const value = next ? next.apply(this, args) : undefined;
      state.results.push({ type: "return", value });
      return value;
    } catch (error) {
      state.results.push({ type: "throw", value: error });
      throw error;
    }
  } as Mock;
  const chain = (fn: () => void) => {
    fn();
    return mock;
  };
  Object.assign(mock, {
    _isMockFunction: true,
    mock: state,
    getMockName: () => name,
    mockName: (value: string) => chain(() => (name = value)),
    mockImplementation: (fn: (...args: unknown[]) => unknown) => chain(() => (impl = fn)),
    mockImplementationOnce: (fn: (...args: unknown[]) => unknown) => chain(() => once.push(fn)),
    mockReturnValue: (value: unknown) => chain(() => (impl = () => value)),
    mockReturnValueOnce: (value: unknown) => chain(() => once.push(() => value)),
    mockResolvedValue: (value: unknown) => chain(() => (impl = () => Promise.resolve(value))),
    mockResolvedValueOnce: (value: unknown) => chain(() => once.push(() => Promise.resolve(value))),
    mockRejectedValue: (value: unknown) => chain(() => (impl = () => Promise.reject(value))),
    mockRejectedValueOnce: (value: unknown) => chain(() => once.push(() => Promise.reject(value))),
    mockReturnThis: () => chain(() => (impl = function (this: unknown) { return this; })),
    mockClear: () => chain(() => {
      state.calls.length = 0;
      state.results.length = 0;
      state.instances.length = 0;
      delete state.lastCall;
    }),
    mockReset: () => chain(() => {
      (mock.mockClear as () => void)();
      impl = undefined;
      once.length = 0;
    }),
    mockRestore: () => chain(() => (mock.mockReset as () => void)()),
  });
  return mock;
}

// ------------------------------------------------------------------ expect

type Matcher = (received: unknown, ...expected: unknown[]) => { pass: boolean; message: (not: boolean) => string };

const hint = (name: string, not: boolean, modifier = "", args = "expected") => `expect(received)${modifier}${not ? ".not" : ""}.${name}(${args})`;

const calls = (received: unknown, name: string): unknown[][] => {
  if (!isMock(received)) throw new AssertionFailure(`expect(received).${name}()\n\nMatcher error: received value must be a mock or spy function\n\nReceived has value: ${show(received)}`);
  return received.mock.calls;
};

const MATCHERS: Record<string, Matcher> = {
  toBe: (r, e) => ({ pass: Object.is(r, e), message: (not) => `${hint("toBe", not)}${not ? "" : " // Object.is equality"}\n\nExpected: ${not ? "not " : ""}${show(e)}${not ? "" : `\nReceived: ${show(r)}`}` }),
  toEqual: (r, e) => ({ pass: equals(r, e), message: (not) => `${hint("toEqual", not)} // deep equality\n\nExpected: ${not ? "not " : ""}${show(e)}\nReceived: ${show(r)}` }),
  toStrictEqual: (r, e) => ({ pass: equals(r, e, true), message: (not) => `${hint("toStrictEqual", not)}\n\nExpected: ${not ? "not " : ""}${show(e)}\nReceived: ${show(r)}` }),
  toMatchObject: (r, e) => ({ pass: matchesObject(r, e), message: (not) => `${hint("toMatchObject", not)}\n\nExpected: ${not ? "not " : ""}${show(e)}\nReceived: ${show(r)}` }),
  toBeTruthy: (r) => ({ pass: Boolean(r), message: (not) => `${hint("toBeTruthy", not, "", "")}\n\nReceived: ${show(r)}` }),
  toBeFalsy: (r) => ({ pass: !r, message: (not) => `${hint("toBeFalsy", not, "", "")}\n\nReceived: ${show(r)}` }),
  toBeNull: (r) => ({ pass: r === null, message: (not) => `${hint("toBeNull", not, "", "")}\n\nReceived: ${show(r)}` }),
  toBeUndefined: (r) => ({ pass: r === undefined, message: (not) => `${hint("toBeUndefined", not, "", "")}\n\nReceived: ${show(r)}` }),
  toBeDefined: (r) => ({ pass: r !== undefined, message: (not) => `${hint("toBeDefined", not, "", "")}\n\nReceived: ${show(r)}` }),
  toBeNaN: (r) => ({ pass: Number.isNaN(r), message: (not) => `${hint("toBeNaN", not, "", "")}\n\nReceived: ${show(r)}` }),
  toBeGreaterThan: (r, e) => ({ pass: (r as number) > (e as number), message: (not) => `${hint("toBeGreaterThan", not)}\n\nExpected: ${not ? "not " : ""}> ${show(e)}\nReceived:${not ? "    " : "   "}${show(r)}` }),
  toBeGreaterThanOrEqual: (r, e) => ({ pass: (r as number) >= (e as number), message: (not) => `${hint("toBeGreaterThanOrEqual", not)}\n\nExpected: ${not ? "not " : ""}>= ${show(e)}\nReceived: ${show(r)}` }),
  toBeLessThan: (r, e) => ({ pass: (r as number) < (e as number), message: (not) => `${hint("toBeLessThan", not)}\n\nExpected: ${not ? "not " : ""}< ${show(e)}\nReceived: ${show(r)}` }),
  toBeLessThanOrEqual: (r, e) => ({ pass: (r as number) <= (e as number), message: (not) => `${hint("toBeLessThanOrEqual", not)}\n\nExpected: ${not ? "not " : ""}<= ${show(e)}\nReceived: ${show(r)}` }),
  toBeCloseTo: (r, e, digits = 2) => ({ pass: Math.abs((r as number) - (e as number)) < 10 ** -(digits as number) / 2, message: (not) => `${hint("toBeCloseTo", not, "", "expected, precision")}\n\nExpected: ${not ? "not " : ""}${show(e)}\nReceived: ${show(r)}` }),
  toBeInstanceOf: (r, e) => ({ pass: typeof e === "function" && r instanceof (e as new () => unknown), message: (not) => `${hint("toBeInstanceOf", not)}\n\nExpected constructor: ${not ? "not " : ""}${(e as { name?: string }).name}\nReceived value: ${show(r)}` }),
  toContain: (r, e) => ({ pass: typeof r === "string" ? r.includes(String(e)) : Array.from(r as Iterable<unknown>).includes(e), message: (not) => `${hint("toContain", not)} // indexOf\n\nExpected ${typeof r === "string" ? "substring" : "value"}: ${not ? "not " : ""}${show(e)}\nReceived ${typeof r === "string" ? "string" : "array"}:    ${show(r)}` }),
  toContainEqual: (r, e) => ({ pass: Array.from(r as Iterable<unknown>).some((item) => equals(item, e)), message: (not) => `${hint("toContainEqual", not)} // deep equality\n\nExpected value: ${not ? "not " : ""}${show(e)}\nReceived array: ${show(r)}` }),
  toHaveLength: (r, e) => ({ pass: (r as { length?: unknown })?.length === e, message: (not) => `${hint("toHaveLength", not)}\n\nExpected length: ${not ? "not " : ""}${show(e)}\nReceived length: ${show((r as { length?: unknown })?.length)}\nReceived value:  ${show(r)}` }),
  toHaveProperty: (r, path, ...value) => {
    const keys = Array.isArray(path) ? path.map(String) : String(path).split(".");
    let at: unknown = r;
    let found = true;
    for (const key of keys) {
      if (at === null || at === undefined || !(key in Object(at))) {
        found = false;
        break;
      }
      at = (at as Record<string, unknown>)[key];
    }
    const pass = found && (value.length === 0 || equals(at, value[0]));
    return { pass, message: (not) => `${hint("toHaveProperty", not, "", value.length ? "path, value" : "path")}\n\nExpected path: ${show(path)}${value.length ? `\nExpected value: ${not ? "not " : ""}${show(value[0])}` : ""}\nReceived ${found ? `value: ${show(at)}` : `object: ${show(r)}`}` };
  },
  toMatch: (r, e) => ({ pass: typeof r === "string" && (e instanceof RegExp ? e.test(r) : r.includes(String(e))), message: (not) => `${hint("toMatch", not)}\n\nExpected ${e instanceof RegExp ? "pattern" : "substring"}: ${not ? "not " : ""}${e instanceof RegExp ? String(e) : show(e)}\nReceived string:  ${show(r)}` }),
  toThrow: (r, e) => {
    let thrown: unknown = undefined;
    let threw = false;
    if (typeof r === "function") {
      try {
        r();
      } catch (error) {
        threw = true;
        thrown = error;
      }
    } else {
      // .rejects.toThrow(): the rejection reason is what was thrown
      threw = true;
      thrown = r;
    }
    const message = thrown instanceof Error ? thrown.message : String(thrown);
    const pass =
      threw &&
      (e === undefined ||
        (typeof e === "string" && message.includes(e)) ||
        (e instanceof RegExp && e.test(message)) ||
        (typeof e === "function" && thrown instanceof (e as new () => unknown)) ||
        (e instanceof Error && message === e.message));
    return { pass, message: (not) => `${hint("toThrow", not)}\n\n${threw ? `Expected: ${not ? "not " : ""}${e === undefined ? "to throw" : show(e)}\nReceived message: ${show(message)}` : "Received function did not throw"}` };
  },
  toHaveBeenCalled: (r) => {
    const n = calls(r, "toHaveBeenCalled").length;
    return { pass: n > 0, message: (not) => `${hint("toHaveBeenCalled", not, "", "")}\n\nExpected number of calls: ${not ? "0" : ">= 1"}\nReceived number of calls: ${n}` };
  },
  toHaveBeenCalledTimes: (r, e) => {
    const n = calls(r, "toHaveBeenCalledTimes").length;
    return { pass: n === e, message: (not) => `${hint("toHaveBeenCalledTimes", not)}\n\nExpected number of calls: ${not ? "not " : ""}${show(e)}\nReceived number of calls: ${n}` };
  },
  toHaveBeenCalledWith: (r, ...e) => {
    const list = calls(r, "toHaveBeenCalledWith");
    return { pass: list.some((args) => equals(args, e)), message: (not) => `${hint("toHaveBeenCalledWith", not, "", "...expected")}\n\nExpected: ${not ? "not " : ""}${e.map((v) => show(v)).join(", ")}\nReceived: ${list.map((args) => args.map((v) => show(v)).join(", ")).join("; ") || "(no calls)"}\n\nNumber of calls: ${list.length}` };
  },
  toHaveBeenLastCalledWith: (r, ...e) => {
    const list = calls(r, "toHaveBeenLastCalledWith");
    return { pass: list.length > 0 && equals(list[list.length - 1], e), message: (not) => `${hint("toHaveBeenLastCalledWith", not, "", "...expected")}\n\nExpected: ${not ? "not " : ""}${e.map((v) => show(v)).join(", ")}\nReceived: ${list.length ? (list[list.length - 1] as unknown[]).map((v) => show(v)).join(", ") : "(no calls)"}` };
  },
};
MATCHERS.toThrowError = MATCHERS.toThrow as Matcher;
MATCHERS.toBeCalled = MATCHERS.toHaveBeenCalled as Matcher;
MATCHERS.toBeCalledTimes = MATCHERS.toHaveBeenCalledTimes as Matcher;
MATCHERS.toBeCalledWith = MATCHERS.toHaveBeenCalledWith as Matcher;

export const VALUE_MATCHERS = MATCHERS;

/** expect(value): every matcher, `.not`, and `.resolves` / `.rejects`, which return promises. */
export function createExpect(extra?: (received: unknown, not: boolean) => Record<string, unknown> | null) {
  const build = (received: unknown, not: boolean, modifier: "" | ".resolves" | ".rejects"): Record<string, unknown> => {
    const out: Record<string, unknown> = {};
    for (const [name, matcher] of Object.entries(MATCHERS)) {
      out[name] = (...expected: unknown[]) => {
        const check = (value: unknown) => {
          const { pass, message } = matcher(value, ...expected);
          if (pass === not) throw new AssertionFailure(message(not).replace("expect(received)", `expect(received)${modifier}`).replace(`${modifier}${modifier}`, modifier));
        };
        if (modifier === "") return check(received);
        return Promise.resolve(received).then(
          (value) => {
            if (modifier === ".rejects") throw new AssertionFailure(`expect(received).rejects.${name}()\n\nReceived promise resolved instead of rejected\nResolved to value: ${show(value)}`);
            check(value);
          },
          (reason: unknown) => {
            if (modifier === ".resolves") throw new AssertionFailure(`expect(received).resolves.${name}()\n\nReceived promise rejected instead of resolved\nRejected to value: ${show(reason)}`);
            check(reason);
          },
        );
      };
    }
    if (modifier === "") Object.assign(out, extra?.(received, not) ?? {});
    return out;
  };
  const expect = (received: unknown) => {
    const base = build(received, false, "");
    return Object.assign(base, {
      not: build(received, true, ""),
      resolves: Object.assign(build(received, false, ".resolves"), { not: build(received, true, ".resolves") }),
      rejects: Object.assign(build(received, false, ".rejects"), { not: build(received, true, ".rejects") }),
    });
  };
  const asymmetric = (text: string, test: (other: unknown) => boolean): Asymmetric => ({ asymmetricMatch: test, toString: () => text });
  return Object.assign(expect, {
    any: (type: unknown) =>
      asymmetric(`Any<${(type as { name?: string }).name}>`, (other) =>
        type === String ? typeof other === "string" : type === Number ? typeof other === "number" : type === Boolean ? typeof other === "boolean" : type === Function ? typeof other === "function" : other instanceof (type as new () => unknown),
      ),
    anything: () => asymmetric("Anything", (other) => other !== null && other !== undefined),
    objectContaining: (sample: object) => asymmetric(`ObjectContaining ${show(sample)}`, (other) => matchesObject(other, sample)),
    arrayContaining: (sample: unknown[]) => asymmetric(`ArrayContaining ${show(sample)}`, (other) => Array.isArray(other) && sample.every((item) => other.some((o) => equals(o, item)))),
    stringContaining: (sample: string) => asymmetric(`StringContaining ${show(sample)}`, (other) => typeof other === "string" && other.includes(sample)),
    stringMatching: (sample: string | RegExp) => asymmetric(`StringMatching ${String(sample)}`, (other) => typeof other === "string" && new RegExp(sample).test(other)),
    assertions: () => undefined,
    hasAssertions: () => undefined,
    extend: () => {
      throw new Error("expect.extend is not simulated: the simulator has the built-in matchers only");
    },
  });
}
