import { MAX_LINKS } from "./limits";
import type { Analysis } from "./render.server";

// Spam checks that decide whether a note is published at once or waits for a moderator. The
// hard limits (lengths, links, honeypot, time-to-submit, rate) refuse a request outright and
// live in validate.ts / the routes; these only queue.

// Words that, in a timeout-troubleshooting note, are almost only ever spam.
const SPAM_WORDS = /\b(?:casino|viagra|cialis|escort|porn|betting|payday loan|crypto airdrop|seo services|buy followers|whatsapp me|telegram me)\b/i;

export type Triage = { status: "approved" | "pending"; reason: string | null; links: number };

export type TriageInput = { analysis: Analysis; name: string | null; hasApprovedBefore: boolean };

export function triage({ analysis, name, hasApprovedBefore }: TriageInput): Triage {
  const { links, text } = analysis;
  const letters = text.replace(/[^A-Za-z]/g, "");
  const reasons: string[] = [];
  if (links > 0 && !hasApprovedBefore) reasons.push("a link from a first-time poster");
  if (SPAM_WORDS.test(text) || (name && SPAM_WORDS.test(name))) reasons.push("spam: a word spam uses");
  if (letters.length >= 30 && letters.replace(/[^A-Z]/g, "").length / letters.length > 0.7) reasons.push("spam: mostly capitals");
  if (/(.)\1{19,}/u.test(text)) reasons.push("spam: a character repeated 20 times");
  if (links > 0 && text.replace(/https?:\/\/\S+|www\.\S+/g, "").trim().length < 20) reasons.push("spam: little besides links");
  return { status: reasons.length ? "pending" : "approved", reason: reasons.length ? reasons.join("; ") : null, links };
}

export function tooManyLinks(links: number): boolean {
  return links > MAX_LINKS;
}
