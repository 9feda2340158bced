import { createHash } from "node:crypto";

/** The key duplicates are found by: case and spacing do not make a body new. */
export function bodyKey(body: string): string {
  const normal = body.normalize("NFKC").toLowerCase().replace(/\s+/g, " ").trim();
  return createHash("sha256").update(normal).digest("hex");
}
