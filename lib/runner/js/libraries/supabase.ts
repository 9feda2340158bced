// @supabase/supabase-js (supabase/supabase-js at v2.112.2, packages/core/*) over the simulated
// fetch: createClient(url, key); from(table) query builders as PostgREST calls to
// <url>/rest/v1/<table> (select, insert, upsert, update, delete, the filters, order, limit,
// range, single, maybeSingle), rpc() to /rest/v1/rpc/<fn>, functions.invoke() to
// /functions/v1/<name>, auth.getUser() to /auth/v1/user and storage.from(bucket) to
// /storage/v1/object/.... Response rules on those URLs decide the rows; with none, a read is an
// empty result and the fetch span says the default answered. As in the library, errors come back
// as `{ data: null, error }` rather than being thrown (unless throwOnError()), and GET/HEAD
// requests are retried 3 times (1 s, 2 s, 4 s) on network errors and 503/520.

import { captureSite, type RunContext } from "../run-context";
import { isRecord } from "./transport";

type Deps = { ctx: RunContext; process: unknown; fetch: (input: unknown, init?: RequestInit) => Promise<Response> };

/** postgrest-js types/common/common.ts: DEFAULT_MAX_RETRIES = 3, getRetryDelay = min(1000 × 2^n, 30000), RETRYABLE_STATUS_CODES [520, 503], RETRYABLE_METHODS GET, HEAD, OPTIONS */
const MAX_RETRIES = 3;
const retryDelay = (attempt: number) => Math.min(1000 * 2 ** attempt, 30_000);
const RETRYABLE_STATUS = [520, 503];
const RETRYABLE_METHODS = ["GET", "HEAD", "OPTIONS"];

type Result = { data: unknown; error: unknown; count: number | null; status: number; statusText: string };

export function supabaseModule(deps: Deps) {
  const { ctx } = deps;

  class PostgrestError extends Error {
    details: string;
    hint: string;
    code: string;
    constructor(context: { message: string; details?: string; hint?: string | null; code?: string }) {
      super(context.message);
      this.name = "PostgrestError";
      this.details = context.details ?? "";
      this.hint = context.hint ?? "";
      this.code = context.code ?? "";
    }
  }

  const sleep = (ms: number) => new Promise<void>((resolve) => ctx.loop.schedule({ kind: "timeout", delay: ms, site: captureSite(), span: { kind: "timer", label: `postgrest-js retry backoff ${ms} ms` }, run: resolve }));

  /** Whether a rule answers this call: without one the simulated fetch gives its default body, which is no table's rows. */
  const ruled = (method: string, url: string) => ctx.responder.peek(method, url, ctx.loop.now() / 1000) !== null;

  class Builder implements PromiseLike<Result> {
    method: string;
    url: URL;
    headers: Headers;
    body: unknown;
    isMaybeSingle = false;
    isSingle = false;
    shouldThrowOnError = false;
    signal: AbortSignal | undefined;
    constructor(method: string, url: URL, headers: Headers, body?: unknown) {
      this.method = method;
      this.url = url;
      this.headers = headers;
      this.body = body;
    }
    private filter(column: string, op: string, value: unknown) {
      this.url.searchParams.append(column, `${op}.${value}`);
      return this;
    }
    eq(c: string, v: unknown) { return this.filter(c, "eq", v); }
    neq(c: string, v: unknown) { return this.filter(c, "neq", v); }
    gt(c: string, v: unknown) { return this.filter(c, "gt", v); }
    gte(c: string, v: unknown) { return this.filter(c, "gte", v); }
    lt(c: string, v: unknown) { return this.filter(c, "lt", v); }
    lte(c: string, v: unknown) { return this.filter(c, "lte", v); }
    like(c: string, v: unknown) { return this.filter(c, "like", v); }
    ilike(c: string, v: unknown) { return this.filter(c, "ilike", v); }
    is(c: string, v: unknown) { return this.filter(c, "is", v); }
    in(c: string, values: unknown[]) { return this.filter(c, "in", `(${values.map((v) => (typeof v === "string" && /[,()]/.test(v) ? `"${v}"` : String(v))).join(",")})`); }
    contains(c: string, v: unknown) { return this.filter(c, "cs", Array.isArray(v) ? `{${v.join(",")}}` : JSON.stringify(v)); }
    not(c: string, op: string, v: unknown) { return this.filter(c, `not.${op}`, v); }
    or(filters: string) { this.url.searchParams.append("or", `(${filters})`); return this; }
    match(query: Record<string, unknown>) { for (const [k, v] of Object.entries(query)) this.eq(k, v); return this; }
    filterBy(c: string, op: string, v: unknown) { return this.filter(c, op, v); }
    select(columns = "*") {
      this.url.searchParams.set("select", columns.replace(/\s(?=(?:[^"]*"[^"]*")*[^"]*$)/g, ""));
      if (this.method !== "GET") this.headers.append("Prefer", "return=representation");
      return this;
    }
    order(column: string, options: { ascending?: boolean; nullsFirst?: boolean } = {}) {
      const existing = this.url.searchParams.get("order");
      const part = `${column}.${options.ascending === false ? "desc" : "asc"}${options.nullsFirst === undefined ? "" : options.nullsFirst ? ".nullsfirst" : ".nullslast"}`;
      this.url.searchParams.set("order", existing ? `${existing},${part}` : part);
      return this;
    }
    limit(count: number) { this.url.searchParams.set("limit", String(count)); return this; }
    range(from: number, to: number) { this.url.searchParams.set("offset", String(from)); this.url.searchParams.set("limit", String(to - from + 1)); return this; }
    single() { this.isSingle = true; this.headers.set("Accept", "application/vnd.pgrst.object+json"); return this; }
    maybeSingle() { this.isMaybeSingle = true; return this; }
    abortSignal(signal: AbortSignal) { this.signal = signal; return this; }
    throwOnError() { this.shouldThrowOnError = true; return this; }
    returns() { return this; }
    overrideTypes() { return this; }
    csv() { this.headers.set("Accept", "text/csv"); return this; }

    then<A = Result, B = never>(onfulfilled?: ((value: Result) => A | PromiseLike<A>) | null, onrejected?: ((reason: unknown) => B | PromiseLike<B>) | null): PromiseLike<A | B> {
      return this.execute().then(onfulfilled, onrejected);
    }

    private async execute(): Promise<Result> {
      if (this.method !== "GET" && this.method !== "HEAD") this.headers.set("Content-Type", "application/json");
      const url = this.url.toString();
      const simulated = !ruled(this.method, url);
      let attempt = 0;
      try {
        for (;;) {
          const headers = new Headers(this.headers);
          if (attempt > 0) headers.set("X-Retry-Count", String(attempt));
          let response: Response;
          try {
            response = await deps.fetch(url, { method: this.method, headers, ...(this.body !== undefined ? { body: JSON.stringify(this.body) } : {}), ...(this.signal ? { signal: this.signal } : {}) });
          } catch (error) {
            const e = error as { name?: string; code?: string };
            if (e?.name === "AbortError" || e?.code === "ABORT_ERR" || !RETRYABLE_METHODS.includes(this.method) || attempt >= MAX_RETRIES) throw error;
            await sleep(retryDelay(attempt));
            attempt++;
            continue;
          }
          if (RETRYABLE_METHODS.includes(this.method) && RETRYABLE_STATUS.includes(response.status) && attempt < MAX_RETRIES) {
            const after = response.headers.get("Retry-After");
            await response.text();
            await sleep(after !== null ? Math.max(0, Number.parseInt(after, 10) || 0) * 1000 : retryDelay(attempt));
            attempt++;
            continue;
          }
          return await this.process(response, simulated);
        }
      } catch (error) {
        if (this.shouldThrowOnError) throw error;
        const e = error as { name?: string; message?: string; cause?: { name?: string; message?: string; code?: string } };
        let details = "";
        if (e?.cause) details = `${e.name ?? "FetchError"}: ${e.message}\n\nCaused by: ${e.cause.name ?? "Error"}: ${e.cause.message ?? ""}${e.cause.code ? ` (${e.cause.code})` : ""}`;
        const hint = e?.name === "AbortError" ? "Request was aborted (timeout or manual cancellation)" : "";
        return { error: { message: `${e?.name ?? "FetchError"}: ${e?.message}`, details, hint, code: "" }, data: null, count: null, status: 0, statusText: "" };
      }
    }

    private async process(response: Response, simulated: boolean): Promise<Result> {
      let error: unknown = null;
      let data: unknown = null;
      let status = response.status;
      let statusText = response.statusText;
      const text = await response.text();
      if (response.ok) {
        // no rule: the default answer is not PostgREST's, so a read finds nothing and a write returns nothing
        if (simulated) data = this.method === "GET" || this.headers.get("Prefer")?.includes("return=representation") ? [] : null;
        else if (text !== "") {
          try {
            data = JSON.parse(text);
          } catch {
            error = { message: text };
          }
        }
        // PostgREST answers single() itself: exactly one row, else 406 PGRST116
        if (this.isSingle && Array.isArray(data)) {
          if (data.length === 1) data = data[0];
          else {
            error = { code: "PGRST116", details: `The result contains ${data.length} rows`, hint: null, message: "Cannot coerce the result to a single JSON object" };
            data = null;
            status = 406;
            statusText = "Not Acceptable";
          }
        }
        if (this.isMaybeSingle && Array.isArray(data)) {
          if (data.length > 1) {
            error = { code: "PGRST116", details: `Results contain ${data.length} rows, application/vnd.pgrst.object+json requires 1 row`, hint: null, message: "JSON object requested, multiple (or no) rows returned" };
            data = null;
            status = 406;
            statusText = "Not Acceptable";
          } else data = data.length === 1 ? data[0] : null;
        }
        const range = response.headers.get("content-range")?.split("/");
        const count = this.headers.get("Prefer")?.match(/count=(exact|planned|estimated)/) && range && range.length > 1 ? Number.parseInt(range[1]!, 10) : null;
        if (error && this.shouldThrowOnError) throw new PostgrestError(error as { message: string });
        return { error, data, count, status, statusText };
      }
      try {
        error = JSON.parse(text);
      } catch {
        error = { message: text };
      }
      if (this.shouldThrowOnError) throw new PostgrestError(isRecord(error) ? (error as { message: string }) : { message: String(error) });
      return { error, data: null, count: null, status, statusText };
    }
  }

  class FunctionsError extends Error {
    context: unknown;
    constructor(message: string, name: string, context: unknown) {
      super(message);
      this.name = name;
      this.context = context;
    }
  }
  class FunctionsFetchError extends FunctionsError {
    constructor(context: unknown) {
      super("Failed to send a request to the Edge Function", "FunctionsFetchError", context);
    }
  }
  class FunctionsRelayError extends FunctionsError {
    constructor(context: unknown) {
      super("Relay Error invoking the Edge Function", "FunctionsRelayError", context);
    }
  }
  class FunctionsHttpError extends FunctionsError {
    constructor(context: unknown) {
      super("Edge Function returned a non-2xx status code", "FunctionsHttpError", context);
    }
  }

  class AuthSessionMissingError extends Error {
    status = 400;
    code = undefined;
    __isAuthError = true;
    constructor() {
      super("Auth session missing!");
      this.name = "AuthSessionMissingError";
    }
  }

  const createClient = (supabaseUrl: unknown, supabaseKey: unknown, options: { global?: { headers?: Record<string, string> }; db?: { schema?: string } } = {}) => {
    // helpers.ts validateSupabaseUrl, SupabaseClient constructor
    if (!supabaseUrl) throw new Error("supabaseUrl is required.");
    if (!/^https?:\/\//i.test(String(supabaseUrl))) throw new Error("Invalid supabaseUrl: Must be a valid HTTP or HTTPS URL.");
    if (!supabaseKey) throw new Error("supabaseKey is required.");
    const base = String(supabaseUrl).replace(/\/+$/, "");
    const key = String(supabaseKey);
    const headers = () => {
      const h = new Headers({ apikey: key, Authorization: `Bearer ${key}`, "X-Client-Info": "supabase-js-node/2.112.2", ...options.global?.headers });
      if (options.db?.schema) h.set("Accept-Profile", options.db.schema);
      return h;
    };
    const rest = (path: string) => new URL(`${base}/rest/v1/${path}`);
    const from = (table: string) => ({
      select: (columns = "*", o: { count?: string; head?: boolean } = {}) => {
        const h = headers();
        if (o.count) h.append("Prefer", `count=${o.count}`);
        return new Builder(o.head ? "HEAD" : "GET", rest(table), h).select(columns);
      },
      insert: (values: unknown, o: { count?: string } = {}) => {
        const h = headers();
        if (o.count) h.append("Prefer", `count=${o.count}`);
        return new Builder("POST", rest(table), h, values);
      },
      upsert: (values: unknown, o: { onConflict?: string; ignoreDuplicates?: boolean } = {}) => {
        const h = headers();
        h.append("Prefer", `resolution=${o.ignoreDuplicates ? "ignore" : "merge"}-duplicates`);
        const url = rest(table);
        if (o.onConflict) url.searchParams.set("on_conflict", o.onConflict);
        return new Builder("POST", url, h, values);
      },
      update: (values: unknown) => new Builder("PATCH", rest(table), headers(), values),
      delete: () => new Builder("DELETE", rest(table), headers()),
    });
    const rpc = (fn: string, args: Record<string, unknown> = {}, o: { head?: boolean; get?: boolean; count?: string } = {}) => {
      const url = rest(`rpc/${fn}`);
      if (o.head || o.get) {
        for (const [k, v] of Object.entries(args)) url.searchParams.append(k, String(v));
        return new Builder(o.head ? "HEAD" : "GET", url, headers());
      }
      return new Builder("POST", url, headers(), args);
    };
    const functions = {
      invoke: async (name: string, o: { body?: unknown; headers?: Record<string, string>; method?: string; signal?: AbortSignal; timeout?: number } = {}) => {
        const url = `${base}/functions/v1/${name}`;
        const h: Record<string, string> = { ...Object.fromEntries(headers()), ...o.headers };
        let body: BodyInit | undefined;
        if (o.body !== undefined && o.body !== null) {
          if (typeof o.body === "string") {
            h["Content-Type"] ??= "text/plain";
            body = o.body;
          } else {
            h["Content-Type"] ??= "application/json";
            body = JSON.stringify(o.body);
          }
        }
        const simulated = !ruled(o.method ?? "POST", url);
        let signal = o.signal;
        if (o.timeout) {
          const controller = new AbortController();
          const timer = ctx.loop.schedule({ kind: "timeout", delay: o.timeout, site: captureSite(), span: { kind: "timer", label: `functions.invoke timeout ${o.timeout} ms` }, run: () => controller.abort() });
          signal = controller.signal;
          o.signal?.addEventListener("abort", () => controller.abort());
          void timer;
        }
        try {
          const response = await deps.fetch(url, { method: o.method ?? "POST", headers: h, ...(body !== undefined ? { body } : {}), ...(signal ? { signal } : {}) }).catch((error: unknown) => {
            throw new FunctionsFetchError(error);
          });
          if (response.headers.get("x-relay-error") === "true") throw new FunctionsRelayError(response);
          if (!response.ok) throw new FunctionsHttpError(response);
          const type = (response.headers.get("Content-Type") ?? "text/plain").split(";")[0]!.trim().toLowerCase();
          const data = simulated ? null : type === "application/json" ? await response.json() : type === "text/event-stream" ? response : await response.text();
          return { data, error: null, response };
        } catch (error) {
          return { data: null, error, response: error instanceof FunctionsHttpError || error instanceof FunctionsRelayError ? error.context : undefined };
        }
      },
    };
    const auth = {
      getUser: async (jwt?: string) => {
        if (!jwt) return { data: { user: null }, error: new AuthSessionMissingError() };
        const url = `${base}/auth/v1/user`;
        const simulated = !ruled("GET", url);
        try {
          const response = await deps.fetch(url, { headers: { apikey: key, Authorization: `Bearer ${jwt}` } });
          const text = await response.text();
          if (!response.ok) {
            const json = safeJson(text);
            return { data: { user: null }, error: Object.assign(new Error(isRecord(json) && typeof json.msg === "string" ? json.msg : isRecord(json) && typeof json.message === "string" ? json.message : text), { name: "AuthApiError", status: response.status, __isAuthError: true }) };
          }
          return { data: { user: simulated ? { id: "00000000-0000-0000-0000-000000000000", aud: "authenticated", role: "authenticated" } : safeJson(text) }, error: null };
        } catch (error) {
          return { data: { user: null }, error: Object.assign(new Error(error instanceof Error ? error.message : String(error)), { name: "AuthRetryableFetchError", status: 0, __isAuthError: true }) };
        }
      },
      getSession: async () => ({ data: { session: null }, error: null }),
    };
    const storage = {
      from: (bucket: string) => {
        const object = (path: string) => `${base}/storage/v1/object/${bucket}/${path.replace(/^\/+/, "")}`;
        const send = async (method: string, url: string, body?: BodyInit, extra: Record<string, string> = {}) => {
          const simulated = !ruled(method, url);
          try {
            const response = await deps.fetch(url, { method, headers: { ...Object.fromEntries(headers()), ...extra }, ...(body !== undefined ? { body } : {}) });
            const text = await response.text();
            const json = safeJson(text);
            if (!response.ok) return { data: null, error: Object.assign(new Error(isRecord(json) && typeof json.message === "string" ? json.message : text), { name: "StorageApiError", status: response.status, __isStorageError: true }) };
            return { data: simulated ? null : json, error: null };
          } catch (error) {
            return { data: null, error: Object.assign(new Error(error instanceof Error ? error.message : String(error)), { name: "StorageUnknownError", __isStorageError: true }) };
          }
        };
        return {
          upload: async (path: string, file: unknown, o: { contentType?: string; upsert?: boolean; cacheControl?: string } = {}) => {
            const result = await send("POST", object(path), file as BodyInit, { "x-upsert": String(o.upsert ?? false), "cache-control": `max-age=${o.cacheControl ?? "3600"}`, ...(o.contentType ? { "content-type": o.contentType } : {}) });
            if (result.error) return result;
            const json = result.data as { Id?: string; Key?: string } | null;
            return { data: { path: path.replace(/^\/+/, ""), id: json?.Id, fullPath: json?.Key ?? `${bucket}/${path.replace(/^\/+/, "")}` }, error: null };
          },
          download: async (path: string) => send("GET", `${base}/storage/v1/object/authenticated/${bucket}/${path}`),
          remove: async (paths: string[]) => send("DELETE", `${base}/storage/v1/object/${bucket}`, JSON.stringify({ prefixes: paths }), { "content-type": "application/json" }),
          getPublicUrl: (path: string) => ({ data: { publicUrl: `${base}/storage/v1/object/public/${bucket}/${path}` } }),
          createSignedUrl: async (path: string, expiresIn: number) => {
            const result = await send("POST", `${base}/storage/v1/object/sign/${bucket}/${path}`, JSON.stringify({ expiresIn }), { "content-type": "application/json" });
            if (result.error) return result;
            const json = result.data as { signedURL?: string } | null;
            return { data: { signedUrl: json?.signedURL ? `${base}/storage/v1${json.signedURL}` : `${base}/storage/v1/object/sign/${bucket}/${path}?token=simulated` }, error: null };
          },
        };
      },
    };
    const channel = () => {
      throw new Error("Supabase Realtime is not simulated: the simulator models HTTP calls (rest, functions, auth, storage)");
    };
    return { from, rpc, functions, auth, storage, channel, schema: () => ({ from, rpc }), supabaseUrl: base, supabaseKey: key };
  };

  return { __esModule: true, createClient, PostgrestError, FunctionsError, FunctionsFetchError, FunctionsHttpError, FunctionsRelayError, AuthSessionMissingError, default: { createClient } };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}
