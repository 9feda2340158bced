// The same-site form token. Every article view sets it (proxy.ts): `<issued-at ms>.<nonce>`, in
// a cookie that is HttpOnly and SameSite=Strict, so a browser sends it only with requests that a
// page of this site started. A mutating request without it did not come from our form (or came
// from a browser that has not shown one of our pages), and its issued-at time is when the form
// was shown, which gives the minimum time-to-submit check a clock the poster cannot skip by
// submitting a stale copy of the page.
//
// It is deliberately not signed: forging your own cookie only lets a script claim it waited,
// which waiting would also give it; what a cross-site attacker cannot do is make a victim's
// browser attach a Strict cookie to a request from another site. The Origin check
// (guard.server.ts) is the other half.
//
// Framework-free and Web-Crypto only: it runs in the proxy as well as in route handlers.

export const FORM_COOKIE = "dl_form";
/** A form older than this is stale: the page is reloaded to get a fresh token. */
export const FORM_MAX_AGE_SECONDS = 24 * 60 * 60;

export function mintFormCookie(now: number): string {
  const nonce = new Uint8Array(12);
  crypto.getRandomValues(nonce);
  return `${now}.${Array.from(nonce, (b) => b.toString(16).padStart(2, "0")).join("")}`;
}

export function parseFormCookie(value: string | undefined | null): { issuedAt: number } | null {
  const m = /^(\d{13})\.[0-9a-f]{24}$/.exec(value ?? "");
  return m ? { issuedAt: Number(m[1]) } : null;
}
