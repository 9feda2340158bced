import { describe, expect, test } from "vitest";
import { articleDocument, type ArticleInput } from "./documents";
import { analyzeQuery } from "./analyze";
import { buildIndexData, createEngine, type SearchEngine } from "./engine";
import { matchPhrases, phraseList } from "./phrases";

const body = (log: string) => `<Meaning>

What it means.

</Meaning>

<ErrorLog>

\`\`\`text
${log}
\`\`\`

</ErrorLog>
`;

const ARTICLES: ArticleInput[] = [
  {
    slug: "lambda-task-timed-out",
    title: "AWS Lambda: Task timed out after N seconds",
    error: "Task timed out after 3.00 seconds",
    summary: "The invocation ran past the function's timeout.",
    platform: "aws-lambda",
    platformName: "AWS Lambda",
    signatures: ["Task timed out after", "Sandbox.Timedout"],
    notThis: ["Phase: init Status: timeout"],
    body: body("REPORT RequestId: 6f1d2c3b Duration: 3000.00 ms Status: timeout"),
  },
  {
    slug: "lambda-init-timeout",
    title: "AWS Lambda init phase timed out",
    error: "INIT_REPORT Init Duration: 10000.00 ms Phase: init Status: timeout",
    summary: "Module-level code ran past the 10-second Init limit.",
    platform: "aws-lambda",
    platformName: "AWS Lambda",
    signatures: ["Phase: init Status: timeout", "INIT_REPORT"],
    body: body("INIT_REPORT Init Duration: 10000.00 ms Phase: init Status: timeout"),
  },
  {
    slug: "netlify-function-timeout",
    title: "Netlify function timeout",
    error: "Task timed out after 10.01 seconds",
    summary: "A Netlify function ran past its limit.",
    platform: "netlify",
    platformName: "Netlify",
    signatures: ["Task timed out after"],
    body: body("Task timed out after 10.01 seconds"),
  },
  {
    slug: "runpod-handler-timeout",
    title: "RunPod serverless job exceeded its execution timeout",
    error: '"status": "TIMED_OUT"',
    summary: "The job ran past the endpoint's execution timeout and RunPod stopped it.",
    platform: "runpod",
    platformName: "RunPod",
    signatures: ["TIMED_OUT", "executionTimeout"],
    body: body('{"status": "TIMED_OUT"}'),
  },
  {
    slug: "asyncio-timeout",
    title: "Python asyncio.TimeoutError from wait_for / asyncio.timeout",
    error: "TimeoutError",
    summary: "An awaited operation ran past its asyncio timeout.",
    platform: "python",
    platformName: "Python",
    signatures: ["asyncio.wait_for", "in wait_for", "asyncio/timeouts.py"],
    body: body("TimeoutError"),
  },
];

async function engine(): Promise<SearchEngine> {
  return createEngine(JSON.parse(JSON.stringify(await buildIndexData(ARTICLES.map(articleDocument)))));
}

describe("verdicts", () => {
  test("a signature only one article holds is a match", async () => {
    const response = (await engine()).search("Sandbox.Timedout: Task timed out after 3.00 seconds");
    expect(response.verdict).toBe("match");
    expect(response.hits[0]?.slug).toBe("lambda-task-timed-out");
  });

  test("a sentence two platforms print alike is ambiguous, with what tells them apart", async () => {
    const response = (await engine()).search("Task timed out after 3.00 seconds");
    expect(response.verdict).toBe("ambiguous");
    expect(response.contrast?.map((c) => c.slug).sort()).toEqual(["lambda-task-timed-out", "netlify-function-timeout"]);
    expect(response.contrast?.find((c) => c.slug === "lambda-task-timed-out")?.lookFor).toContain("Sandbox.Timedout");
  });

  test("a Go panic shares words with the articles and is still not covered", async () => {
    const response = (await engine()).search("panic: runtime error: index out of range [3] with length 3\ngoroutine 1 [running]:");
    expect(response.verdict).toBe("not-covered");
    expect(response.confident).toBe(false);
    expect(response.hits.length).toBeLessThanOrEqual(2);
  });

  test("an article's notThis signature in the paste ranks it down and says so", async () => {
    const { hits } = (await engine()).search("INIT_REPORT Init Duration: 9999.65 ms Phase: init Status: timeout\nTask timed out after 3.00 seconds");
    expect(hits[0]?.slug).toBe("lambda-init-timeout");
    expect(hits.find((h) => h.slug === "lambda-task-timed-out")?.ruledOut).toBe("Phase: init Status: timeout");
  });

  test("someone's own words naming the platform and a time limit are covered; the same words without the platform are not", async () => {
    const e = await engine();
    const named = e.search("we hit this timeout pretty often, can runpod let the job run longer before killing it?");
    expect(named.verdict).not.toBe("not-covered");
    expect(named.hits[0]?.slug).toBe("runpod-handler-timeout");
    expect(e.search("we hit this pretty often, can the job run longer?").verdict).toBe("not-covered");
  });

  test("a traceback whose exception line was cut off is evidence through two whole signatures, a frame and a source line", () => {
    const paste = `  File "/app/.venv/lib/python3.13/site-packages/crawlee/_utils/wait.py", line 37, in wait_for
    return await asyncio.wait_for(operation(), timeout.total_seconds())
  File "/usr/lib/python3.13/asyncio/tasks.py", line 507, in wait_for
    return await fut
crawlee.errors.RequestHandlerError`;
    const lists = [phraseList(["asyncio.wait_for", "in wait_for"]), phraseList(["asyncio.wait_for"])];
    const idf = (t: string) => (t === "in" ? 0.5 : 2);
    const [two, one] = matchPhrases(analyzeQuery(paste), lists, idf, new Set(["in", "wait_for", "asyncio"]));
    // asyncio.wait_for (2 + 2) found whole, plus half of "in wait_for" (0.5 + 2), found in a frame.
    expect(one?.wholeIdf).toBe(4);
    expect(two?.wholeIdf).toBe(4 + 0.5 * 2.5);
  });
});
