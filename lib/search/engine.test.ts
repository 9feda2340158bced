import { describe, expect, test } from "vitest";
import { articleDocument, type ArticleInput } from "./documents";
import { buildIndexData, createEngine, type SearchEngine } from "./engine";

const body = (log: string, causes: [string, string][]) => `<Meaning>

What it means.

</Meaning>

<ErrorLog>

\`\`\`text
${log}
\`\`\`

</ErrorLog>

<Causes>

${causes.map(([title, text]) => `<Cause title="${title}">\n\n${text}\n\n<Fix>\n\nFix it.\n\n</Fix>\n\n</Cause>`).join("\n\n")}

</Causes>
`;

const ARTICLES: ArticleInput[] = [
  {
    slug: "lambda-task-timed-out",
    title: "AWS Lambda: Task timed out after N seconds",
    error: "Task timed out after 3.00 seconds",
    summary: "The invocation ran past the function's timeout.",
    platform: "aws-lambda",
    platformName: "AWS Lambda",
    signatures: ["Task timed out after", "Sandbox.Timedout", "Runtime.ExitError"],
    body: body("REPORT RequestId: 6f1d2c3b-9a8e-4d7f-b6c5-2e1f0a9b8c7d Duration: 3000.00 ms Status: timeout", [
      ["A downstream call has no timeout", "requests waits forever on a slow partner API."],
      ["The function is in a VPC without a NAT gateway", "Calls to public endpoints never connect from a private subnet."],
      ["Too little memory", "At 128 MB the CPU is slow; the runtime may be killed."],
    ]),
  },
  {
    slug: "gateway-endpoint-timed-out",
    title: "API Gateway: Endpoint request timed out",
    error: '{"message": "Endpoint request timed out"}',
    summary: "API Gateway gave up after 29 seconds and answered 504.",
    platform: "aws-api-gateway",
    platformName: "Amazon API Gateway",
    signatures: ["Endpoint request timed out", "INTEGRATION_TIMEOUT"],
    body: body('{"message": "Endpoint request timed out"}', [
      ["The work is longer than 29 seconds", "Long reports."],
      ["A cold start eats the budget", "Init takes seconds."],
    ]),
  },
  {
    slug: "node-fetch-connect-timeout",
    title: "Node.js fetch failed: Connect Timeout Error",
    error: "TypeError: fetch failed",
    summary: "undici gave up connecting after 10 seconds.",
    platform: "node",
    platformName: "Node.js",
    signatures: ["TypeError: fetch failed", "UND_ERR_CONNECT_TIMEOUT", "ConnectTimeoutError"],
    body: body("cause: ConnectTimeoutError: Connect Timeout Error", [
      ["IPv6 first, and no IPv6 route", "autoSelectFamily helps."],
      ["A firewall drops the packets", "Nothing answers."],
    ]),
  },
];

async function engine(): Promise<SearchEngine> {
  // Through JSON, as the browser and the API receive it.
  return createEngine(JSON.parse(JSON.stringify(await buildIndexData(ARTICLES.map(articleDocument)))));
}

describe("ranking", () => {
  test("numbers are normalised: 12.01 seconds finds the article whose signature says 3.00", async () => {
    const { hits, confident } = (await engine()).search("Task timed out after 12.01 seconds");
    expect(hits[0]?.slug).toBe("lambda-task-timed-out");
    expect(hits[0]?.matchedPhrase).toBeDefined();
    expect(confident).toBe(true);
  });

  test("a Node stack with a cause finds the article by its code, with the platform", async () => {
    const { hits } = (await engine()).search(`TypeError: fetch failed
    at node:internal/deps/undici/undici:12618:11 {
  cause: ConnectTimeoutError: Connect Timeout Error
      at onConnectTimeout (node:internal/deps/undici/undici:7760:28) {
    code: 'UND_ERR_CONNECT_TIMEOUT'
  }
}`);
    expect(hits[0]).toMatchObject({ slug: "node-fetch-connect-timeout", platform: "node", platformName: "Node.js" });
    expect(hits[0]?.matched).toEqual(expect.arrayContaining(["und_err_connect_timeout"]));
  });

  test("a JSON log record with the error inside", async () => {
    const { hits } = (await engine()).search('{"errorMessage":"2022-04-05T17:47:00.402Z f06475bf-7cfa-426d-b9c0-8465c82f82d7 Task timed out after 10.01 seconds"}');
    expect(hits[0]?.slug).toBe("lambda-task-timed-out");
  });

  test("an unfinished word completes against titles and signatures", async () => {
    expect((await engine()).search("Endpo").hits[0]?.slug).toBe("gateway-endpoint-timed-out");
    expect((await engine()).search("Sandbox.Tim").hits[0]?.slug).toBe("lambda-task-timed-out");
  });

  test("a word that only one cause explains links to that cause", async () => {
    const hit = (await engine()).search("Task timed out after 6.00 seconds in a VPC").hits[0];
    expect(hit?.slug).toBe("lambda-task-timed-out");
    expect(hit?.section).toBe("cause-2");
    expect(hit?.url).toBe("/errors/lambda-task-timed-out#cause-2");
    expect(hit?.cause?.title).toMatch(/VPC/);
  });

  test("no cause is claimed when nothing points to one", async () => {
    const hit = (await engine()).search("Task timed out after 3.00 seconds").hits[0];
    expect(hit?.section).toBeUndefined();
    expect(hit?.url).toBe("/errors/lambda-task-timed-out");
  });

  test("unrelated text is not a confident match, and what was recognised is reported", async () => {
    const response = (await engine()).search("panic: runtime error: index out of range [3] with length 3\ngoroutine 1 [running]:");
    expect(response.confident).toBe(false);
    expect(response.recognised.messages.length).toBeGreaterThan(0);
  });

  test("nothing at all for an empty query; scores between 0 and 1, best first", async () => {
    const e = await engine();
    expect(e.search("   ").hits).toEqual([]);
    const { hits } = e.search("timed out");
    for (const h of hits) expect(h.score).toBeGreaterThan(0), expect(h.score).toBeLessThanOrEqual(1);
    expect(hits.map((h) => h.score)).toEqual([...hits.map((h) => h.score)].sort((a, b) => b - a));
  });

  test("limit bounds the hits", async () => {
    expect((await engine()).search("timed out", { limit: 1 }).hits).toHaveLength(1);
  });
});
