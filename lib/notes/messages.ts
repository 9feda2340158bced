import { BODY_MAX, BODY_MIN, EDIT_WINDOW_MS, MAX_LINKS, MIN_FILL_MS, NAME_MAX, REPORT_DETAIL_MAX, VERSION_MAX, WORKED_VERSION_MAX } from "./limits";

// What the pages say for a ?error=<code> after a plain form was refused. Codes, not texts, travel
// in the URL, so nobody can make our page display words of their choosing.

const MESSAGES: Record<string, string> = {
  origin: "That request did not come from a page of this site, so it was refused. Send the form from the article.",
  "form-token": "The form's token was missing or had expired (they last a day). Reload the article and send the form again.",
  "too-fast": `That was sent less than ${MIN_FILL_MS / 1000} seconds after the page was shown, faster than a person types. Wait a moment and send it again.`,
  honeypot: "A field that people leave empty was filled in. If you are a person, send the form again from the article.",
  "invalid-body": `A note is ${BODY_MIN} to ${BODY_MAX} characters long.`,
  "invalid-name": `A name is at most ${NAME_MAX} characters.`,
  "invalid-platform": `Each version field is at most ${VERSION_MAX} characters.`,
  "invalid-runtime": `Each version field is at most ${VERSION_MAX} characters.`,
  "invalid-library": `Each version field is at most ${VERSION_MAX} characters.`,
  "invalid-version": `A version is at most ${WORKED_VERSION_MAX} characters.`,
  "invalid-cause": "That cause is not one of this article's.",
  "invalid-article": "That is not one of our articles.",
  "invalid-reason": "Pick a reason for the report.",
  "invalid-detail": `Report details are at most ${REPORT_DETAIL_MAX} characters.`,
  "invalid-value": "A vote is up or down.",
  "invalid-intent": "That action is not one a poster can take.",
  article: "That is not one of our articles.",
  links: `A note may hold at most ${MAX_LINKS} links.`,
  duplicate: "A note with the same text is already there. Vote for it instead, or say what is different in yours.",
  rate: "Too many requests from your address in a short time.",
  "too-large": "That request was too large.",
  "media-type": "That request was not sent as a form.",
  "not-found": "There is no such note (it may have been deleted).",
  "not-owner": "Only the person who posted a note can change it, from the browser they posted it with.",
  "window-closed": `A note can be edited or deleted for ${EDIT_WINDOW_MS / 60_000} minutes after it is posted. This one is fixed now; report it if it is wrong.`,
  rejected: "A moderator rejected this note; it can no longer be edited.",
  token: "That is not the admin token.",
  "signed-out": "Your moderator session has ended. Sign in again.",
  "invalid-action": "That is not a moderation action.",
};

export function errorMessage(code: string | undefined, retry?: string): string | null {
  if (!code) return null;
  const base = MESSAGES[code] ?? "That request was refused.";
  const seconds = retry && /^\d{1,6}$/.test(retry) ? Number(retry) : null;
  return seconds ? `${base} Try again in ${seconds >= 120 ? `${Math.ceil(seconds / 60)} minutes` : `${seconds} seconds`}.` : base;
}
