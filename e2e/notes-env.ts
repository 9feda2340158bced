import { tmpdir } from "node:os";
import path from "node:path";

// The notes store and admin token of the server the journeys run against (playwright.config.ts
// starts it with these), so a journey can also look into the store it posted to.
export const E2E_PORT = Number(process.env.E2E_PORT ?? 3210);
export const E2E_DB = path.join(tmpdir(), `deadline-e2e-${E2E_PORT}.sqlite`);
export const E2E_ADMIN_TOKEN = "e2e-moderator-token-0123456789";
