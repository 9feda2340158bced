// The errors the simulated network raises, with the texts, codes and errno values of Node's own
// (lib/net.js, uv) and of undici's (lib/core/errors.js), because those are what people paste.

/**
 * undici's default connect timeout (Agent `connect.timeout`, 10e3 ms in lib/core/connect.js,
 * Node 20's bundled undici 6.x): a host that never accepts fails fetch after this long.
 */
export const UNDICI_CONNECT_TIMEOUT_MS = 10_000;

/**
 * undici's headersTimeout and bodyTimeout: 300e3 ms each unless the dispatcher sets them
 * (lib/dispatcher/client.js, `headersTimeout != null ? headersTimeout : 300e3`, undici 6.x as
 * bundled in Node 20, and 7.x). The body timeout is an idle timer between body chunks.
 */
export const UNDICI_HEADERS_TIMEOUT_MS = 300_000;
export const UNDICI_BODY_TIMEOUT_MS = 300_000;

const DEFAULT_PORTS: Record<string, string> = { "http:": "80", "https:": "443" };

/**
 * Where a connection went: the address Node's error names. The simulator resolves no names, so
 * only localhost and IP literals have their real address; other hosts are named as written.
 */
export function addressOf(target: string): { address: string; port: number } {
  const url = new URL(target);
  const host = url.hostname.replace(/^\[|\]$/g, "");
  const address = host === "localhost" ? "127.0.0.1" : host;
  return { address, port: Number(url.port || DEFAULT_PORTS[url.protocol] || 80) };
}

/**
 * Node's error for a refused connection (lib/net.js afterConnect → exceptionWithHostPort):
 * message "connect ECONNREFUSED 127.0.0.1:8188", code ECONNREFUSED, errno -111, syscall connect.
 */
export function refusedError(target: string): Error {
  const { address, port } = addressOf(target);
  return Object.assign(new Error(`connect ECONNREFUSED ${address}:${port}`), { errno: -111, code: "ECONNREFUSED", syscall: "connect", address, port });
}

/** undici's ConnectTimeoutError (lib/core/connect.js onConnectTimeout), code UND_ERR_CONNECT_TIMEOUT. */
export function connectTimeoutError(target: string, timeoutMs: number): Error {
  const { address, port } = addressOf(target);
  const error = new Error(`Connect Timeout Error (attempted address: ${address}:${port}, timeout: ${timeoutMs}ms)`);
  error.name = "ConnectTimeoutError";
  return Object.assign(error, { code: "UND_ERR_CONNECT_TIMEOUT" });
}


/** undici's HeadersTimeoutError (lib/core/errors.js): the status line and headers did not arrive in headersTimeout. */
export function headersTimeoutError(): Error {
  const error = new Error("Headers Timeout Error");
  error.name = "HeadersTimeoutError";
  return Object.assign(error, { code: "UND_ERR_HEADERS_TIMEOUT" });
}

/** undici's BodyTimeoutError (lib/core/errors.js): no body chunk for bodyTimeout. */
export function bodyTimeoutError(): Error {
  const error = new Error("Body Timeout Error");
  error.name = "BodyTimeoutError";
  return Object.assign(error, { code: "UND_ERR_BODY_TIMEOUT" });
}
