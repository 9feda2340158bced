// What every simulated client shares about one connection's phases: it opens at once (or is
// refused at once, or never accepted: `connection: "dropped"`), the status and headers arrive
// after the answer's latency, and the body then arrives whole or, for a slowly streaming host
// (`chunks`, `gap`), chunk by chunk. Each client puts its own timers on those phases (undici's
// connect, headers and body timeouts, Node's socket idle timer, axios' and request's timeouts).

import type { Answer } from "../world";
import { addressOf } from "./network-errors";

/**
 * How long Linux tries to open a TCP connection to a host that never answers the SYN before
 * connect() fails with ETIMEDOUT: net.ipv4.tcp_syn_retries 6 (the default since Linux 3.7) gives
 * "approximately 127 seconds" (tcp(7), https://manpages.debian.org/bookworm/manpages/tcp.7.en.html
 * tcp_syn_retries; 1 + 2 + 4 + 8 + 16 + 32 + 64 s of retransmission backoff). Lambda, Cloud Run and
 * most containers keep the default.
 */
export const KERNEL_CONNECT_TIMEOUT_MS = 127_000;

/**
 * Node's error when the kernel gives up connecting (lib/net.js afterConnect → exceptionWithHostPort
 * with uv's ETIMEDOUT): "connect ETIMEDOUT 10.0.0.12:443", errno -110, syscall connect.
 */
export function kernelTimeoutError(target: string): Error {
  const { address, port } = addressOf(target);
  return Object.assign(new Error(`connect ETIMEDOUT ${address}:${port}`), { errno: -110, code: "ETIMEDOUT", syscall: "connect", address, port });
}

/** The body as it arrives: one part at the headers, or `chunks` parts `gapMs` apart after them. */
export type BodyPlan = { parts: string[]; gapMs: number };

export function bodyPlan(answer: Pick<Answer, "body" | "chunks" | "gap">): BodyPlan {
  const count = answer.chunks ?? 0;
  if (count <= 0) return { parts: [answer.body], gapMs: 0 };
  const size = Math.ceil(answer.body.length / count);
  const parts: string[] = [];
  for (let i = 0; i < count; i++) parts.push(answer.body.slice(i * size, (i + 1) * size));
  return { parts, gapMs: (answer.gap ?? 0) * 1000 };
}

/** Seconds from the headers to the last byte of the body. */
export function bodySeconds(answer: Pick<Answer, "chunks" | "gap">): number {
  return (answer.chunks ?? 0) * (answer.gap ?? 0);
}

/** The timeline's note for a streamed body. */
export function streamNote(answer: Pick<Answer, "chunks" | "gap">): string {
  if (!answer.chunks) return "";
  return `, body in ${answer.chunks} chunk${answer.chunks === 1 ? "" : "s"} ${answer.gap ?? 0} s apart`;
}
