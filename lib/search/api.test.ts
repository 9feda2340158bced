import path from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { checkQuery, MAX_BODY_BYTES, MAX_QUERY_CHARS, parseLimit } from "./api";

describe("parameters", () => {
  test("limit: a whole number from 1 to 50, 10 by default", () => {
    expect(parseLimit(null)).toBe(10);
    expect(parseLimit("3")).toBe(3);
    for (const bad of ["0", "51", "-1", "2.5", "ten", ""]) expect(parseLimit(bad)).toMatchObject({ status: 400 });
  });

  test("q: required, not blank, at most 8,192 characters", () => {
    expect(checkQuery(null)).toMatchObject({ status: 400 });
    expect(checkQuery("  ")).toMatchObject({ status: 400 });
    expect(checkQuery("x".repeat(MAX_QUERY_CHARS + 1))).toMatchObject({ status: 413 });
    expect(checkQuery("Task timed out")).toBe("Task timed out");
  });
});

describe("GET and POST /api/search", () => {
  let route: typeof import("../../app/api/search/route");
  const previous = process.env.DEADLINE_CONTENT_DIR;
  beforeAll(async () => {
    process.env.DEADLINE_CONTENT_DIR = path.join(import.meta.dirname, "__fixtures__", "two-articles");
    route = await import("../../app/api/search/route");
  });
  afterAll(() => {
    if (previous === undefined) delete process.env.DEADLINE_CONTENT_DIR;
    else process.env.DEADLINE_CONTENT_DIR = previous;
  });
  const url = (query: string) => `http://localhost/api/search${query}`;

  test("GET answers JSON results with the documented keys", async () => {
    const response = await route.GET(new Request(url(`?q=${encodeURIComponent("Task timed out after 12.01 seconds")}&limit=2`)));
    expect(response.status).toBe(200);
    const results = (await response.json()) as Record<string, unknown>[];
    expect(results.length).toBeGreaterThan(0);
    expect(results.length).toBeLessThanOrEqual(2);
    expect(results[0]).toMatchObject({ slug: "lambda-task-timed-out", title: expect.any(String), url: expect.stringMatching(/^\/errors\/lambda-task-timed-out/), platform: "aws-lambda", score: expect.any(Number) });
    for (const key of Object.keys(results[0]!)) expect(["slug", "title", "url", "platform", "score", "section"]).toContain(key);
  });

  test("POST takes the raw paste as the body", async () => {
    const response = await route.POST(new Request(url(""), { method: "POST", body: '{\n  "message": "Endpoint request timed out"\n}' }));
    expect(response.status).toBe(200);
    expect(((await response.json()) as { slug: string }[])[0]?.slug).toBe("gateway-endpoint-timed-out");
  });

  test("400 on bad parameters, with a message", async () => {
    for (const query of ["", "?q=", "?q=x&limit=0", "?q=x&limit=abc"]) {
      const response = await route.GET(new Request(url(query)));
      expect(response.status).toBe(400);
      expect(((await response.json()) as { error: string }).error).toMatch(/\w/);
    }
    expect((await route.POST(new Request(url(""), { method: "POST", body: "   " }))).status).toBe(400);
  });

  test("413 over the size limits", async () => {
    expect((await route.GET(new Request(url(`?q=${"x".repeat(MAX_QUERY_CHARS + 1)}`)))).status).toBe(413);
    const big = new Request(url(""), { method: "POST", body: "x".repeat(MAX_BODY_BYTES + 1) });
    expect((await route.POST(big)).status).toBe(413);
  });
});
