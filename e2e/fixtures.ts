import { test as base, expect, type Request } from "@playwright/test";

/**
 * Every journey records the requests its pages make, and fails if any leaves the origin:
 * Deadline promises that no third-party host is contacted at runtime.
 */
export const test = base.extend<{ requests: Request[] }>({
  requests: [
    async ({ page, baseURL }, use) => {
      const requests: Request[] = [];
      page.on("request", (request) => requests.push(request));
      await use(requests);
      const origin = new URL(baseURL!).origin;
      const foreign = requests.map((r) => r.url()).filter((url) => !url.startsWith(origin) && !url.startsWith("data:") && !url.startsWith("blob:"));
      expect(foreign, "requests that left the origin").toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };

export const ARTICLE = "/errors/runpod-handler-timeout";
