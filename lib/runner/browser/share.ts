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

/**
 * A comparison of two runs (lib/runner/compare), carried beside the editor's own state: each run's
 * settings and what it was called, so opening the link can run both again. Results are not
 * carried: the person who opens the link sees verdicts their own browser computed.
 */
export type SharedComparison = { runs: [SharedRun, SharedRun] };
export type SharedRun = { label: string; state: EditorState };

/** What a share link carries: the editor's state and, from v3 on, a comparison of two runs. */
export type SharePayload = { state: EditorState; compare: SharedComparison | null };

/**
 * v1: code and settings; v2: world rules, handler, env, concurrency, plan (v1 links restore with
 * WORLD_DEFAULTS); v3: a v2 link with `compare`. A link without a comparison is still written as
 * v2, so it stays exactly what it was.
 */
export async function encodeShare({ state, compare }: SharePayload): Promise<string> {
  const json = JSON.stringify(compare ? { v: 3, ...state, compare } : { v: 2, ...state });
  return SHARE_PREFIX + toBase64Url(await pipe(new TextEncoder().encode(json), new CompressionStream("deflate-raw")));
}

export async function encodeState(state: EditorState): Promise<string> {
  return encodeShare({ state, compare: null });
}

/** What a hash holds: nothing for the editor, a link to restore, or a share link that cannot be read (and why). */
export type ShareLink = { kind: "none" } | ({ kind: "shared" } & SharePayload) | { kind: "damaged"; problem: string };

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
  if (typeof raw.v === "number" && raw.v > 3) return { kind: "damaged", problem: `it was made by a newer version of Deadline (format ${raw.v}); reload the page to get it` };
  const state = raw.v === 1 || raw.v === 2 || raw.v === 3 ? parseEditorState(raw) : null;
  if (!state) return { kind: "damaged", problem: "it holds no handler code and platform" };
  return { kind: "shared", state, compare: raw.v === 3 ? parseComparison(raw.compare) : null };
}

/** The link's state and comparison; null when the hash is not a share link or does not decode. */
export async function decodeShare(hash: string): Promise<SharePayload | null> {
  const link = await readShareLink(hash);
  return link.kind === "shared" ? { state: link.state, compare: link.compare } : null;
}

export async function decodeState(hash: string): Promise<EditorState | null> {
  return (await decodeShare(hash))?.state ?? null;
}

function parseComparison(value: unknown): SharedComparison | null {
  if (typeof value !== "object" || value === null || !Array.isArray((value as { runs?: unknown }).runs)) return null;
  const runs = (value as { runs: unknown[] }).runs.map((run): SharedRun | null => {
    if (typeof run !== "object" || run === null) return null;
    const { label, state } = run as { label?: unknown; state?: unknown };
    const parsed = parseEditorState(state);
    return typeof label === "string" && label.trim() && parsed ? { label: label.slice(0, 80), state: parsed } : null;
  });
  const [a, b] = runs;
  return runs.length === 2 && a && b ? { runs: [a, b] } : null;
}

/** An editor state from untrusted JSON (a link, storage): null without code and platform; the rest defaulted. */
export function parseEditorState(value: unknown): EditorState | null {
  if (typeof value !== "object" || value === null) return null;
  const raw = value as Record<string, unknown>;
  if (typeof raw.code !== "string" || typeof raw.platform !== "string") return null;
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
