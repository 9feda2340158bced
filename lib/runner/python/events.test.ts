import { beforeAll, describe, expect, test } from "vitest";
import type { SimulationRequest, SimulationResult } from "../types";
import type { PythonPreset } from "./engine";
import { lambda, runpod, testEngine } from "./test-engine";

let run: (code: string, preset?: PythonPreset, extra?: Partial<SimulationRequest>) => Promise<SimulationResult>;

beforeAll(async () => {
  run = await testEngine();
});

const WORKER = `
  import runpod
  def handler(job):
      return {"id": job["id"], "input": job["input"]}
  runpod.serverless.start({"handler": handler})
`;

describe("the run's environment", () => {
  test("the preset's and the request's variables are in os.environ for the run, and gone after it", async () => {
    const withEnv = await run(`
      import os
      MODEL = os.environ["MODEL_ID"]
      def lambda_handler(event, context):
          return [MODEL, os.environ.get("AWS_REGION")]
    `, { ...lambda, env: { AWS_REGION: "us-east-1", MODEL_ID: "sdxl" } });
    expect(withEnv).toMatchObject({ verdict: "ok", result: ["sdxl", "us-east-1"] });
    const after = await run(`
      import os
      def lambda_handler(event, context):
          return "MODEL_ID" in os.environ
    `, lambda);
    expect(after).toMatchObject({ verdict: "ok", result: false });
  });
});

describe("the run's start", () => {
  test("a run given its start (request.startedAt) tells the time from it: time.time() and datetime agree with the log line", async () => {
    const startedAt = Date.UTC(2027, 2, 14, 9, 26, 53, 589);
    const result = await run(`
      import datetime, time
      def lambda_handler(event, context):
          print(datetime.datetime.now(datetime.timezone.utc).isoformat())
          time.sleep(2)
          return round(time.time() * 1000)
    `, lambda, { startedAt });
    expect(result.verdict).toBe("ok");
    expect(result.stdout).toMatch(/^2027-03-14T09:26:53\.5\d+\+00:00\n/);
    expect(result.result as number).toBeGreaterThanOrEqual(startedAt + 2000);
    expect(result.result as number).toBeLessThan(startedAt + 2500);
  });
});

describe("events as people keep them", () => {
  test("RunPod's test_input.json ({\"input\": ...}) is the job itself, with a note; anything else is wrapped", async () => {
    const kept = await run(WORKER, runpod, { event: { input: { prompt: "hi" } } });
    expect(kept).toMatchObject({ verdict: "ok", result: { output: { input: { prompt: "hi" } } } });
    expect(kept.notes).toEqual([{ kind: "event", text: expect.stringMatching(/already has RunPod's job shape/) }]);

    const withId = await run(WORKER, runpod, { event: { id: "test-123", input: 5 } });
    expect(withId).toMatchObject({ result: { output: { id: "test-123", input: 5 } } });

    const plain = await run(WORKER, runpod, { event: { prompt: "hi" } });
    expect(plain).toMatchObject({ result: { output: { input: { prompt: "hi" } } } });
    expect(plain.notes).toBeUndefined();
    // A key beside input: not a job, so it is the input.
    const other = await run(WORKER, runpod, { event: { input: 1, webhook: "https://x" } });
    expect(other).toMatchObject({ result: { output: { input: { input: 1, webhook: "https://x" } } } });
  });

  // Shapes from the AWS Lambda developer guide's sample events (API Gateway REST and HTTP APIs,
  // SQS, S3, EventBridge), trimmed to the fields a handler reads.
  const samples: [string, unknown, string, unknown][] = [
    [
      "API Gateway REST (v1)",
      { resource: "/items/{id}", path: "/items/7", httpMethod: "GET", headers: { Accept: "*/*" }, queryStringParameters: { q: "x" }, pathParameters: { id: "7" }, body: null, isBase64Encoded: false, requestContext: { stage: "prod" } },
      `return {"statusCode": 200, "body": json.dumps([event["httpMethod"], event["pathParameters"]["id"], event["queryStringParameters"]["q"]])}`,
      { statusCode: 200, body: '["GET", "7", "x"]' },
    ],
    [
      "API Gateway HTTP (v2)",
      { version: "2.0", routeKey: "POST /items", rawPath: "/items", rawQueryString: "", headers: { "content-type": "application/json" }, requestContext: { http: { method: "POST", path: "/items" } }, body: '{"name": "pen"}', isBase64Encoded: false },
      `return {"statusCode": 201, "body": json.loads(event["body"])["name"] + " " + event["requestContext"]["http"]["method"]}`,
      { statusCode: 201, body: "pen POST" },
    ],
    [
      "SQS",
      { Records: [{ messageId: "059f36b4", receiptHandle: "AQEB", body: "hello", attributes: { ApproximateReceiveCount: "1" }, eventSource: "aws:sqs" }] },
      `return {"batchItemFailures": [], "bodies": [r["body"] for r in event["Records"]]}`,
      { batchItemFailures: [], bodies: ["hello"] },
    ],
    [
      "S3",
      { Records: [{ eventSource: "aws:s3", eventName: "ObjectCreated:Put", s3: { bucket: { name: "my-bucket" }, object: { key: "uploads/cat.png", size: 1024 } } }] },
      `return [(r["s3"]["bucket"]["name"], r["s3"]["object"]["key"]) for r in event["Records"]]`,
      [["my-bucket", "uploads/cat.png"]],
    ],
    [
      "EventBridge",
      { version: "0", id: "fe8d3c65", "detail-type": "Scheduled Event", source: "aws.events", time: "2026-11-01T00:00:00Z", detail: { run: 3 } },
      `return [event["source"], event["detail-type"], event["detail"]["run"]]`,
      ["aws.events", "Scheduled Event", 3],
    ],
  ];

  for (const [name, event, body, expected] of samples) {
    test(`a Lambda handler reads a ${name} event as it is`, async () => {
      const r = await run(`
        import json
        def lambda_handler(event, context):
            ${body}
      `, lambda, { event });
      expect(r.error).toBeNull();
      expect(r).toMatchObject({ verdict: "ok", result: expected });
      expect(r.notes).toBeUndefined();
    });
  }
});
