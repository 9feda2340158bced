// XMLHttpRequest over the simulated fetch, for Deno's polyfill module
// (https://deno.land/x/xhr/mod.ts, imported for its side effect by Supabase's examples): importing
// it defines the global, and every request is a fetch on the virtual clock with the world's answers.

type Fetch = (input: unknown, init?: RequestInit) => Promise<Response>;
type Handler = ((this: unknown, event: { type: string }) => unknown) | null;

/** `setTimeout` of the virtual clock: xhr.timeout must fire in virtual time, not real. */
type SetTimer = (callback: () => void, ms: number) => unknown;

export function createXMLHttpRequest(fetch: Fetch, setTimer: SetTimer) {
  return class XMLHttpRequest {
    static readonly UNSENT = 0;
    static readonly OPENED = 1;
    static readonly HEADERS_RECEIVED = 2;
    static readonly LOADING = 3;
    static readonly DONE = 4;
    readyState = 0;
    status = 0;
    statusText = "";
    responseText = "";
    response: unknown = "";
    responseType = "";
    responseURL = "";
    timeout = 0;
    withCredentials = false;
    onload: Handler = null;
    onerror: Handler = null;
    onabort: Handler = null;
    ontimeout: Handler = null;
    onloadend: Handler = null;
    onreadystatechange: Handler = null;
    private method = "GET";
    private url = "";
    private headers = new Headers();
    private responseHeaders = new Headers();
    private controller: AbortController | null = null;
    private listeners = new Map<string, Array<(event: { type: string }) => unknown>>();

    open(method: string, url: string) {
      this.method = method.toUpperCase();
      this.url = url;
      this.readyState = 1;
      this.fire("readystatechange");
    }
    setRequestHeader(name: string, value: string) {
      this.headers.set(name, value);
    }
    getResponseHeader(name: string) {
      return this.responseHeaders.get(name);
    }
    getAllResponseHeaders() {
      return [...this.responseHeaders.entries()].map(([k, v]) => `${k}: ${v}\r\n`).join("");
    }
    addEventListener(type: string, listener: (event: { type: string }) => unknown) {
      this.listeners.set(type, [...(this.listeners.get(type) ?? []), listener]);
    }
    removeEventListener(type: string, listener: (event: { type: string }) => unknown) {
      this.listeners.set(type, (this.listeners.get(type) ?? []).filter((item) => item !== listener));
    }
    abort() {
      this.controller?.abort();
    }
    send(body?: BodyInit | null) {
      const controller = new AbortController();
      this.controller = controller;
      if (this.timeout > 0) setTimer(() => controller.abort(new DOMException("The operation was aborted due to timeout", "TimeoutError")), this.timeout);
      fetch(this.url, { method: this.method, headers: this.headers, body: body ?? null, signal: controller.signal }).then(
        async (response) => {
          this.status = response.status;
          this.statusText = response.statusText;
          this.responseURL = response.url;
          this.responseHeaders = response.headers;
          this.readyState = 2;
          this.fire("readystatechange");
          this.responseText = await response.text();
          this.response = this.responseType === "json" ? JSON.parse(this.responseText || "null") : this.responseText;
          this.readyState = 4;
          this.fire("readystatechange");
          this.fire("load");
          this.fire("loadend");
        },
        (error: unknown) => {
          this.readyState = 4;
          this.fire("readystatechange");
          const name = (error as { name?: string } | null)?.name;
          this.fire(name === "TimeoutError" ? "timeout" : name === "AbortError" ? "abort" : "error");
          this.fire("loadend");
        },
      );
    }
    private fire(type: string) {
      const event = { type, target: this };
      const own = (this as unknown as Record<string, Handler>)[`on${type}`];
      if (typeof own === "function") own.call(this, event);
      for (const listener of this.listeners.get(type) ?? []) listener.call(this, event);
    }
  };
}
