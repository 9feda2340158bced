// One latency model for every simulated network call, Python and JS alike: a rule per host, in
// seconds of virtual time, with "*" as the default for hosts that have no rule of their own.

/** Latency of a host no rule mentions: small, so a call with no rule never dominates a run. */
export const DEFAULT_LATENCY_SECONDS = 0.05;

export type LatencyRules = Record<string, number>;

/** Lower-cased host without port; accepts a URL, "host:port" or a bare host. */
export function hostOf(target: string): string {
  const text = target.trim();
  try {
    return new URL(text.includes("://") ? text : `http://${text}`).hostname.toLowerCase().replace(/^\[|\]$/g, "");
  } catch {
    return text.toLowerCase();
  }
}

/**
 * Seconds the host takes to answer. Exact host rules win, then "*.example.com" suffix rules
 * (longest first), then "*".
 */
export function latencyFor(target: string, rules: LatencyRules = {}): number {
  const host = hostOf(target);
  const exact = rules[host];
  if (exact !== undefined) return exact;
  let best: { suffix: string; seconds: number } | undefined;
  for (const [pattern, seconds] of Object.entries(rules)) {
    if (!pattern.startsWith("*.")) continue;
    const suffix = pattern.slice(1).toLowerCase();
    if (host.endsWith(suffix) && (!best || suffix.length > best.suffix.length)) best = { suffix, seconds };
  }
  if (best) return best.seconds;
  return rules["*"] ?? DEFAULT_LATENCY_SECONDS;
}

/** Parses "host=seconds" as given on the command line or in the editor's latency rules. */
export function parseLatencyRule(text: string): [string, number] {
  const at = text.lastIndexOf("=");
  const host = text.slice(0, at).trim();
  const seconds = Number(text.slice(at + 1));
  if (at <= 0 || !host || !Number.isFinite(seconds) || seconds < 0) {
    throw new Error(`latency rule "${text}" is not host=seconds (for example api.openai.com=45)`);
  }
  return [host === "*" ? "*" : host.startsWith("*.") ? host.toLowerCase() : hostOf(host), seconds];
}
