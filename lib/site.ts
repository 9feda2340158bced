export const SITE_NAME = "Deadline";

export const SITE_TAGLINE = "Paste a timeout error, learn why your handler ran out of time, and prove the fix on a simulated clock.";

/** Absolute origin for canonical URLs; set DEADLINE_SITE_URL when deploying. */
export const SITE_URL = process.env.DEADLINE_SITE_URL ?? "http://localhost:3000";

export function articlePath(slug: string): string {
  return `/errors/${slug}`;
}

const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

/** "2026-11" → "November 2026" */
export function formatMonth(month: string): string {
  const [year, m] = month.split("-");
  return `${MONTHS[Number(m) - 1] ?? m} ${year}`;
}
