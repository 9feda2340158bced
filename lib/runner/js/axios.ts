// axios 1.x on the simulated network: answers come from the world's rules (ctx.responder) like
// fetch's; timeouts, status errors and connection failures fail with axios' own error texts and
// codes, because those are what people paste: "timeout of 5000ms exceeded" (ECONNABORTED),
// "Request failed with status code 503" (ERR_BAD_RESPONSE), "connect ECONNREFUSED ..." (axios
// 1.8.3: lib/adapters/http.js, lib/core/settle.js, lib/core/AxiosError.js).

import { hostOf } from "../latency";
import type { Answer } from "../world";
import { connectionNote, refusedError } from "./network";
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
        const answer = ctx.responder.answer(method.toUpperCase(), parsed.href, ctx.loop.now() / 1000);
        const latencyMs = answer.latency * 1000;
        const timeout = Number(merged.timeout) || 0;
        // axios' timeout covers the whole request; a dropped connection without one waits on
        // (axios sets no connect timeout of its own), a refused one fails at once
        const arrivesMs = answer.connection === "refused" ? 0 : answer.connection === "dropped" ? Number.POSITIVE_INFINITY : latencyMs;
        const timesOut = timeout > 0 && timeout < arrivesMs;
        const host = hostOf(parsed.href);
        const onAbort = () => {
          ctx.loop.cancel(op, "canceled");
          fail(new CanceledError(undefined, merged), reject);
        };
        const request = { method: method.toUpperCase(), path: `${parsed.pathname}${parsed.search}`, host };
        const op = ctx.loop.schedule({
          kind: "network",
          delay: timesOut ? timeout : arrivesMs,
          site,
          run: () => {
            signal?.removeEventListener("abort", onAbort);
            if (timesOut) {
              if (op.span) op.span.label = `${op.span.label ?? ""} (timeout)`;
              const message = merged.timeoutErrorMessage ?? (timeout ? `timeout of ${timeout}ms exceeded` : "timeout exceeded");
              const code = merged.transitional?.clarifyTimeoutError ? AxiosError.ETIMEDOUT : AxiosError.ECONNABORTED;
              fail(new AxiosError(message, code, merged, request), reject);
              return;
            }
            if (answer.connection === "refused") {
              fail(AxiosError.from(refusedError(parsed.href), merged, request), reject);
              return;
            }
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
          },
          span: {
            kind: "network",
            host,
            latency: answer.latency,
            label: `${method.toUpperCase()} ${parsed.href}${connectionNote(answer)}`,
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

