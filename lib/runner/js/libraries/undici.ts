// undici as a package (and the dispatcher behind Node's global fetch): an Agent's `connect.timeout`
// (10e3 ms by default; `connectTimeout` is its older spelling), `headersTimeout` and `bodyTimeout`
// (300e3 ms each; 0 turns one off) decide when a fetch fails, and setGlobalDispatcher() makes an
// Agent the one every fetch without its own `dispatcher` goes through, Node's global fetch included
// (undici lib/global.js keeps it under Symbol.for('undici.globalDispatcher.1'), which Node's
// bundled copy reads too). Defaults: lib/dispatcher/client.js and lib/core/connect.js (6.x, 7.x).

import { DEFAULT_DISPATCHER, DISPATCHER_TIMEOUTS, globalDispatcher, setGlobalDispatcher, type DispatcherTimeouts } from "../network";
import { bodyTimeoutError, connectTimeoutError, headersTimeoutError } from "../network-errors";
import type { RunContext } from "../run-context";

type AgentOptions = { connect?: { timeout?: unknown } | ((...args: unknown[]) => unknown); connectTimeout?: unknown; headersTimeout?: unknown; bodyTimeout?: unknown };

function ms(value: unknown, fallback: number, name: string): number {
  if (value === undefined || value === null) return fallback;
  const n = Number(value);
  // undici: InvalidArgumentError('invalid headersTimeout') and the like for a negative or non-number value
  if (!Number.isFinite(n) || n < 0) throw Object.assign(new Error(`invalid ${name}`), { name: "InvalidArgumentError", code: "UND_ERR_INVALID_ARG" });
  return n;
}

export function undiciModule(ctx: RunContext, fetch: unknown) {
  class Dispatcher {
    readonly [DISPATCHER_TIMEOUTS]: DispatcherTimeouts;
    constructor(options: AgentOptions = {}) {
      const connect = typeof options.connect === "object" && options.connect !== null ? options.connect.timeout : undefined;
      this[DISPATCHER_TIMEOUTS] = {
        connect: ms(connect ?? options.connectTimeout, DEFAULT_DISPATCHER.connect, "connectTimeout"),
        headers: ms(options.headersTimeout, DEFAULT_DISPATCHER.headers, "headersTimeout"),
        body: ms(options.bodyTimeout, DEFAULT_DISPATCHER.body, "bodyTimeout"),
      };
    }
    close() {
      return Promise.resolve();
    }
    destroy() {
      return Promise.resolve();
    }
  }
  class Agent extends Dispatcher {}
  class Pool extends Dispatcher {}
  class Client extends Dispatcher {}
  let current: Dispatcher | null = null;
  const errorClass = (make: () => Error) => {
    const sample = make();
    const Class = class extends Error {
      code = (sample as Error & { code?: string }).code;
      constructor(message?: string) {
        super(message ?? sample.message);
        this.name = sample.name;
      }
    };
    Object.defineProperty(Class, "name", { value: sample.name });
    // errors the simulator raises are recognised by instanceof as the package's own
    Object.defineProperty(Class, Symbol.hasInstance, { value: (value: unknown) => value instanceof Error && value.name === sample.name });
    return Class;
  };
  const errors = {
    ConnectTimeoutError: errorClass(() => connectTimeoutError("http://localhost/", DEFAULT_DISPATCHER.connect)),
    HeadersTimeoutError: errorClass(headersTimeoutError),
    BodyTimeoutError: errorClass(bodyTimeoutError),
  };
  return {
    fetch,
    Request,
    Response,
    Headers,
    FormData: globalThis.FormData,
    Agent,
    Pool,
    Client,
    Dispatcher,
    errors,
    setGlobalDispatcher: (dispatcher: unknown) => {
      const timeouts = (dispatcher as { [DISPATCHER_TIMEOUTS]?: DispatcherTimeouts } | null)?.[DISPATCHER_TIMEOUTS];
      if (!timeouts) throw Object.assign(new Error("Argument agent must implement Agent"), { name: "InvalidArgumentError", code: "UND_ERR_INVALID_ARG" });
      current = dispatcher as Dispatcher;
      setGlobalDispatcher(ctx, timeouts);
    },
    getGlobalDispatcher: () => current ?? Object.assign(new Agent(), { [DISPATCHER_TIMEOUTS]: globalDispatcher(ctx) }),
  };
}
