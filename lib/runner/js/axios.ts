// axios 1.x on the simulated network: answers come from the world's rules (ctx.responder) like
// fetch's; timeouts, status errors and connection failures fail with axios' own error texts and
// codes, because those are what people paste: "timeout of 5000ms exceeded" (ECONNABORTED),
// "Request failed with status code 503" (ERR_BAD_RESPONSE), "connect ECONNREFUSED ..." (axios
// 1.8.3: lib/adapters/http.js, lib/core/settle.js, lib/core/AxiosError.js).

import { hostOf } from "../latency";
import type { Answer } from "../world";
import { localServerFor } from "./local-server";
import { connectionNote, refusedError } from "./network";
import { bodyPlan, KERNEL_CONNECT_TIMEOUT_MS, kernelTimeoutError, streamNote } from "./wire";
import { captureSite, markErrorSite, type RunContext } from "./run-context";

type AxiosConfig = {
  url?: string;
  baseURL?: string;
  method?: string;
  timeout?: number;
  timeoutErrorMessage?: string;
  transitional?: { clarifyTimeoutError?: boolean };
  signal?: AbortSignal;
  data?: unknown;
  headers?: Record<string, string>;
  params?: Record<string, unknown>;
  /** which statuses resolve; axios' default is 2xx (lib/defaults/index.js), null resolves all */
  validateStatus?: ((status: number) => boolean) | null;
  responseType?: string;
  [key: string]: unknown;
};

/** Reason phrases for statusText, as Node's http.STATUS_CODES gives them. */
const STATUS_TEXT: Record<number, string> = {
  200: "OK", 201: "Created", 202: "Accepted", 204: "No Content", 301: "Moved Permanently", 302: "Found", 304: "Not Modified",
  400: "Bad Request", 401: "Unauthorized", 403: "Forbidden", 404: "Not Found", 408: "Request Timeout", 409: "Conflict",
  422: "Unprocessable Entity", 429: "Too Many Requests", 500: "Internal Server Error", 502: "Bad Gateway",
  503: "Service Unavailable", 504: "Gateway Timeout",
};

export function statusText(status: number): string {
  return STATUS_TEXT[status] ?? "";
}

/** axios' default transformResponse: JSON when it parses (transitional.silentJSONParsing), else the text. */
function responseData(answer: Answer, responseType: string | undefined): unknown {
  if (responseType === "text") return answer.body;
  if (responseType === "arraybuffer") return new TextEncoder().encode(answer.body);
  if (answer.body === "") return "";
  try {
    return JSON.parse(answer.body) as unknown;
  } catch {
    return answer.body;
  }
}

export function createAxios(ctx: RunContext) {
  class AxiosError extends Error {
    static ERR_BAD_OPTION_VALUE = "ERR_BAD_OPTION_VALUE";
    static ERR_BAD_OPTION = "ERR_BAD_OPTION";
    static ECONNABORTED = "ECONNABORTED";
    static ETIMEDOUT = "ETIMEDOUT";
    static ERR_NETWORK = "ERR_NETWORK";
    static ERR_BAD_RESPONSE = "ERR_BAD_RESPONSE";
    static ERR_BAD_REQUEST = "ERR_BAD_REQUEST";
    static ERR_CANCELED = "ERR_CANCELED";
    readonly isAxiosError = true;
    status: number | null = null;
    constructor(
      message: string,
      readonly code?: string,
      readonly config?: AxiosConfig,
      readonly request?: unknown,
      readonly response?: { status?: number },
    ) {
      super(message);
      this.name = "AxiosError";
      if (response) this.status = response.status ?? null;
    }
    /** AxiosError.from: the cause's message, name and code on an AxiosError (lib/core/AxiosError.js) */
    static from(cause: Error & { code?: string }, config?: AxiosConfig, request?: unknown) {
      const error = new AxiosError(cause.message, cause.code, config, request);
      error.name = cause.name;
      Object.assign(error, { cause, errno: (cause as { errno?: unknown }).errno, syscall: (cause as { syscall?: unknown }).syscall });
      return error;
    }
    toJSON() {
      return { message: this.message, name: this.name, code: this.code, status: this.status };
    }
  }
  class CanceledError extends AxiosError {
    constructor(message?: string, config?: AxiosConfig, request?: unknown) {
      super(message ?? "canceled", AxiosError.ERR_CANCELED, config, request);
      this.name = "CanceledError";
    }
  }

  const create = (defaults: AxiosConfig = {}) => {
    const request = (config: AxiosConfig): Promise<unknown> => {
      const site = captureSite();
      const merged: AxiosConfig = { ...defaults, ...config, headers: { ...defaults.headers, ...config.headers } };
      const method = (merged.method ?? "get").toLowerCase();
      let url = merged.url ?? "";
      if (merged.baseURL && !/^[a-z][a-z\d+.-]*:/i.test(url)) url = `${merged.baseURL.replace(/\/+$/, "")}/${url.replace(/^\/+/, "")}`;
      const fail = (error: AxiosError, reject: (reason: unknown) => void) => {
        markErrorSite(ctx, error, site);
        reject(error);
      };
      return new Promise((resolve, reject) => {
        let parsed: URL;
        try {
          parsed = new URL(url);
        } catch {
          fail(new AxiosError("Invalid URL", "ERR_INVALID_URL", merged), reject);
          return;
        }
        const signal = merged.signal;
        if (signal?.aborted) {
          fail(new CanceledError(undefined, merged), reject);
          return;
        }
        const host = hostOf(parsed.href);
        const request = { method: method.toUpperCase(), path: `${parsed.pathname}${parsed.search}`, host };
        const timeout = Number(merged.timeout) || 0;
        const settle = (answer: Answer) => {
          const response = {
            data: responseData(answer, merged.responseType),
            status: answer.status,
            statusText: statusText(answer.status),
            headers: { ...answer.headers },
            config: merged,
            request,
          };
          // lib/core/settle.js: outside validateStatus, 4xx is ERR_BAD_REQUEST and 5xx ERR_BAD_RESPONSE
          const validate = merged.validateStatus === undefined ? (status: number) => status >= 200 && status < 300 : merged.validateStatus;
          if (!validate || validate(answer.status)) {
            resolve(response);
            return;
          }
          const code = [AxiosError.ERR_BAD_REQUEST, AxiosError.ERR_BAD_RESPONSE][Math.floor(answer.status / 100) - 4];
          fail(new AxiosError(`Request failed with status code ${answer.status}`, code, merged, request, response), reject);
        };
        const local = localServerFor(ctx, parsed.href);
        if (local) {
          const span = ctx.loop.addSpan({ kind: "network", startMs: ctx.loop.now(), endMs: ctx.loop.now(), site, host, label: `${method.toUpperCase()} ${parsed.href} (a server this run started)`, answer: "server", open: true });
          ctx.loop.schedule({
            kind: "network",
            delay: 0,
            site,
            run: () =>
              void local.dispatch({ method: method.toUpperCase(), url: parsed.href, headers: { ...merged.headers }, body: typeof merged.data === "string" ? merged.data : merged.data === undefined ? "" : JSON.stringify(merged.data) }).then((answer) => {
                if (span) {
                  span.endMs = ctx.loop.now();
                  span.open = false;
                  span.status = answer.status;
                }
                settle(answer);
              }),
          });
          return;
        }
        const answer = ctx.responder.answer(method.toUpperCase(), parsed.href, ctx.loop.now() / 1000);
        const latencyMs = answer.latency * 1000;
        const plan = bodyPlan(answer);
        // axios' timeout is req.setTimeout (lib/adapters/http.js): Node's socket idle timer, which
        // starts once the socket connects, so it never fires on a host that never accepts (then the
        // kernel's connect ETIMEDOUT does, after about 127 s); once connected it watches the wait for
        // the headers and every gap between body chunks, each on its own.
        const wholeMs = latencyMs + plan.gapMs * (plan.gapMs > 0 ? plan.parts.length : 0);
        let endMs: number;
        let outcome: "refused" | "kernel" | "timeout" | "answer";
        if (answer.connection === "refused") [endMs, outcome] = [0, "refused"];
        else if (answer.connection === "dropped") [endMs, outcome] = [KERNEL_CONNECT_TIMEOUT_MS, "kernel"];
        else if (timeout > 0 && latencyMs > timeout) [endMs, outcome] = [timeout, "timeout"];
        else if (timeout > 0 && plan.gapMs > timeout) [endMs, outcome] = [latencyMs + timeout, "timeout"];
        else [endMs, outcome] = [wholeMs, "answer"];
        const onAbort = () => {
          ctx.loop.cancel(op, "canceled");
          fail(new CanceledError(undefined, merged), reject);
        };
        const op = ctx.loop.schedule({
          kind: "network",
          delay: endMs,
          site,
          run: () => {
            signal?.removeEventListener("abort", onAbort);
            if (outcome === "timeout") {
              if (op.span) {
                op.span.label = `${op.span.label ?? ""} (timeout)`;
                delete op.span.status;
              }
              const message = merged.timeoutErrorMessage ?? (timeout ? `timeout of ${timeout}ms exceeded` : "timeout exceeded");
              const code = merged.transitional?.clarifyTimeoutError ? AxiosError.ETIMEDOUT : AxiosError.ECONNABORTED;
              fail(new AxiosError(message, code, merged, request), reject);
              return;
            }
            if (outcome === "refused") {
              fail(AxiosError.from(refusedError(parsed.href), merged, request), reject);
              return;
            }
            if (outcome === "kernel") {
              fail(AxiosError.from(kernelTimeoutError(parsed.href), merged, request), reject);
              return;
            }
            settle(answer);
          },
          span: {
            kind: "network",
            host,
            latency: answer.latency,
            label: `${method.toUpperCase()} ${parsed.href}${answer.connection === "dropped" ? " (connection never accepted; the kernel gives up after 127 s)" : connectionNote(answer)}${streamNote(answer)}`,
            ...(answer.connection ? {} : { status: answer.status }),
            answer: answer.source,
          },
        });
        signal?.addEventListener("abort", onAbort, { once: true });
      });
    };
    const call = (urlOrConfig: string | AxiosConfig, config?: AxiosConfig) =>
      request(typeof urlOrConfig === "string" ? { ...config, url: urlOrConfig } : urlOrConfig);
    const noBody = (method: string) => (url: string, config?: AxiosConfig) => request({ ...config, url, method });
    const withBody = (method: string) => (url: string, data?: unknown, config?: AxiosConfig) => request({ ...config, url, data, method });
    const interceptors = () => ({ use: () => 0, eject: () => undefined, clear: () => undefined });
    return Object.assign(call, {
      request,
      get: noBody("get"),
      delete: noBody("delete"),
      head: noBody("head"),
      options: noBody("options"),
      post: withBody("post"),
      put: withBody("put"),
      patch: withBody("patch"),
      defaults: { ...defaults, headers: { ...defaults.headers } },
      interceptors: { request: interceptors(), response: interceptors() },
      create: (more?: AxiosConfig) => create({ ...defaults, ...more }),
    });
  };

  const axios = Object.assign(create(), {
    AxiosError,
    CanceledError,
    isAxiosError: (value: unknown) => typeof value === "object" && value !== null && (value as { isAxiosError?: unknown }).isAxiosError === true,
    isCancel: (value: unknown) => value instanceof CanceledError,
    all: (values: unknown[]) => Promise.all(values),
  });
  return Object.assign(axios, { default: axios });
}

