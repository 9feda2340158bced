// Share links carry the whole editor state in the URL hash (#run=...), deflated and base64url
// encoded: no server ever sees the code, and opening the link restores it without running it.
import type { Language } from "../types";

export type EditorState = {
  code: string;
  language: Language;
  platform: string;
  /** seconds, or null for the platform's default */
  timeout: number | null;
  /** the event as the person typed it (may be invalid JSON while editing) */
  event: string;
  latency: [host: string, seconds: number][];
  /** response rules as typed: the match and the answers in the one-line syntax (lib/runner/world/syntax.ts) */
  responses: { match: string; answers: string }[];
  /** modelled modules as typed, comma-separated */
  model: string;
  cost: [pattern: string, seconds: number][];
  /** entry point name, "" for automatic */
  handler: string;
  /** environment variables as typed: KEY=VALUE lines */
  env: string;
  /** simultaneous requests (servers on gunicorn / Heroku), 1 for one */
  concurrency: number;
  /** plan id, null for the platform's default */
  plan: string | null;
};

/** Fields added after the first share links: links made before them restore with these. */
export const WORLD_DEFAULTS = { responses: [], model: "", cost: [], handler: "", env: "", concurrency: 1, plan: null } satisfies Partial<EditorState>;

export const SHARE_PREFIX = "run=";

const LANGUAGES: Language[] = ["python", "javascript", "typescript"];

async function pipe(bytes: Uint8Array, stream: CompressionStream | DecompressionStream): Promise<Uint8Array> {
  const out = new Blob([bytes as BlobPart]).stream().pipeThrough(stream);
  return new Uint8Array(await new Response(out).arrayBuffer());
}

function toBase64Url(bytes: Uint8Array): string {
  let binary = "";
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

function fromBase64Url(text: string): Uint8Array {
  const binary = atob(text.replace(/-/g, "+").replace(/_/g, "/"));
  return Uint8Array.from(binary, (c) => c.charCodeAt(0));
}

export async function encodeState(state: EditorState): Promise<string> {
  const json = JSON.stringify({ v: 2, ...state });
  return SHARE_PREFIX + toBase64Url(await pipe(new TextEncoder().encode(json), new CompressionStream("deflate-raw")));
}

/** What a hash holds: nothing for the editor, a state to restore, or a share link that cannot be read (and why). */
export type ShareLink = { kind: "none" } | { kind: "shared"; state: EditorState } | { kind: "damaged"; problem: string };

/** Reads a hash (with or without "#"); null when it is not a share link or does not decode. */
export async function decodeState(hash: string): Promise<EditorState | null> {
  const link = await readShareLink(hash);
  return link.kind === "shared" ? link.state : null;
}

/**
 * Reads a hash (with or without "#"). A hash that is not a share link (`#cause-2`) is "none"; one
 * that starts like a share link but cannot be read is "damaged", with the reason in words a person
 * can act on, so the editor can say so instead of quietly showing something else.
 */
export async function readShareLink(hash: string): Promise<ShareLink> {
  const text = hash.replace(/^#/, "");
  if (!text.startsWith(SHARE_PREFIX)) return { kind: "none" };
  let json: string;
  try {
    json = new TextDecoder("utf-8", { fatal: true }).decode(await pipe(fromBase64Url(text.slice(SHARE_PREFIX.length)), new DecompressionStream("deflate-raw")));
  } catch {
    return { kind: "damaged", problem: "its data does not unpack, so it was most likely cut short or changed when it was copied" };
  }
  let raw: Record<string, unknown>;
  try {
    const parsed = JSON.parse(json) as unknown;
    if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) throw new Error("not an object");
    raw = parsed as Record<string, unknown>;
  } catch {
    return { kind: "damaged", problem: "it unpacks, but not into editor settings" };
  }
  if (typeof raw.v === "number" && raw.v > 2) return { kind: "damaged", problem: `it was made by a newer version of Deadline (format ${raw.v}); reload the page to get it` };
  if ((raw.v !== 1 && raw.v !== 2) || typeof raw.code !== "string" || typeof raw.platform !== "string") {
    return { kind: "damaged", problem: "it holds no handler code and platform" };
  }
  return { kind: "shared", state: stateOf(raw as Record<string, unknown> & { code: string; platform: string }) };
}

/** The state a readable link holds; fields it lacks or holds wrongly fall back to their defaults. */
function stateOf(raw: Record<string, unknown> & { code: string; platform: string }): EditorState {
  const language = LANGUAGES.includes(raw.language as Language) ? (raw.language as Language) : "python";
  const timeout = typeof raw.timeout === "number" && raw.timeout > 0 ? raw.timeout : null;
  const latency = Array.isArray(raw.latency)
    ? raw.latency.filter((r): r is [string, number] => Array.isArray(r) && typeof r[0] === "string" && typeof r[1] === "number")
    : [];
  const pairs = (value: unknown) =>
    Array.isArray(value) ? value.filter((r): r is [string, number] => Array.isArray(r) && typeof r[0] === "string" && typeof r[1] === "number") : [];
  const responses = Array.isArray(raw.responses)
    ? raw.responses
        .filter((r): r is { match: string; answers: string } => typeof r === "object" && r !== null && typeof (r as { match?: unknown }).match === "string" && typeof (r as { answers?: unknown }).answers === "string")
        .map(({ match, answers }) => ({ match, answers }))
    : [];
  return {
    code: raw.code,
    language,
    platform: raw.platform,
    timeout,
    event: typeof raw.event === "string" ? raw.event : "{}",
    latency,
    responses,
    model: typeof raw.model === "string" ? raw.model : "",
    cost: pairs(raw.cost),
    handler: typeof raw.handler === "string" ? raw.handler : "",
    env: typeof raw.env === "string" ? raw.env : "",
    concurrency: typeof raw.concurrency === "number" && Number.isInteger(raw.concurrency) && raw.concurrency >= 1 && raw.concurrency <= 50 ? raw.concurrency : 1,
    plan: typeof raw.plan === "string" && raw.plan ? raw.plan : null,
  };
}
