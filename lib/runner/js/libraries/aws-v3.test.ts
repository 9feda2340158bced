import { expect } from "vitest";
import { durationOf, js, spansOf, test } from "./library-test-kit";

const BUCKET_HOST = "my-bucket.s3.us-east-1.amazonaws.com";

test("S3 GetObject: requestTimeout with throwOnRequestTimeout fails after the default 3 attempts plus the SDK's backoff", async ({ engine }) => {
  const { result } = await engine.run({
    code: js(`
import { S3Client, GetObjectCommand } from "@aws-sdk/client-s3";
const s3 = new S3Client({ requestHandler: { requestTimeout: 3000, throwOnRequestTimeout: true } });
export const handler = async () => {
  const started = Date.now();
  try {
    await s3.send(new GetObjectCommand({ Bucket: "my-bucket", Key: "report.csv" }));
    return "answered";
  } catch (error) {
    return { name: error.name, code: error.code, message: error.message, metadata: error.$metadata, took: Date.now() - started };
  }
};`),
    latency: { [BUCKET_HOST]: 1000 },
    timeout: 60,
  });
  expect(result.verdict).toBe("ok");
  const caught = result.result as { name: string; code: string; message: string; metadata: { attempts: number; totalRetryDelay: number }; took: number };
  expect(caught.name).toBe("TimeoutError");
  expect(caught.code).toBe("ETIMEDOUT");
  expect(caught.message).toBe("@smithy/node-http-handler - [ERROR] a request has exceeded the configured 3000 ms requestTimeout.");
  expect(caught.metadata.attempts).toBe(3);
  const network = spansOf(result.timeline, "network");
  expect(network).toHaveLength(3);
  expect(network.map((span) => span.label)).toEqual([1, 2, 3].map((n) => `GET https://${BUCKET_HOST}/report.csv (S3 GetObject, attempt ${n} of 3) (requestTimeout 3000 ms)`));
  for (const span of network) {
    expect(durationOf(span)).toBeCloseTo(3, 1);
    expect(span.status).toBeUndefined();
    expect(span.line).toBe(6);
  }
  // full jitter under a 50 ms base: the first backoff is below 50 ms, the second below 100 ms
  const backoffs = spansOf(result.timeline, "timer");
  expect(backoffs).toHaveLength(2);
  expect(durationOf(backoffs[0]!) * 1000).toBeLessThan(50);
  expect(durationOf(backoffs[1]!) * 1000).toBeLessThan(100);
  const total = backoffs.reduce((sum, span) => sum + durationOf(span) * 1000, 0);
  expect(caught.metadata.totalRetryDelay).toBeCloseTo(total, 0);
  expect(caught.took).toBeGreaterThanOrEqual(9000 + caught.metadata.totalRetryDelay);
  expect(caught.took).toBeLessThan(9000 + caught.metadata.totalRetryDelay + 20);
});

test("S3 GetObject: a plain requestTimeout only warns (smithy 4.4+), so a hung host runs into the Lambda deadline", async ({ engine }) => {
  const { result } = await engine.run({
    code: js(`
import { S3Client, GetObjectCommand } from "@aws-sdk/client-s3";
const s3 = new S3Client({ requestHandler: { requestTimeout: 3000 } });
export const handler = async () => {
  const out = await s3.send(new GetObjectCommand({ Bucket: "my-bucket", Key: "report.csv" }));
  return out.Body.transformToString();
};`),
    responses: [{ match: `${BUCKET_HOST}/*`, answers: [{ connection: "dropped" }] }],
    timeout: 10,
  });
  expect(result.verdict).toBe("timeout");
  expect(result.elapsedSeconds).toBe(10);
  expect(result.line).toBe(4);
  expect(result.stdout).toBe(
    "@smithy/node-http-handler - [WARN] a request has exceeded the configured 3000 ms requestTimeout. Init client requestHandler with throwOnRequestTimeout=true to turn this into an error.\n",
  );
  expect(spansOf(result.timeline, "network")).toHaveLength(1);
});

test("NodeHttpHandler socketTimeout and connectionTimeout fail with smithy's TimeoutError messages and are retried", async ({ engine }) => {
  const { result } = await engine.run({
    code: js(`
import { S3Client, HeadObjectCommand } from "@aws-sdk/client-s3";
import { NodeHttpHandler } from "@smithy/node-http-handler";
const slow = new S3Client({ region: "eu-west-1", requestHandler: new NodeHttpHandler({ socketTimeout: 2000 }) });
const dropped = new S3Client({ region: "eu-west-1", maxAttempts: 1, requestHandler: new NodeHttpHandler({ connectionTimeout: 1000 }) });
const attempt = (client, bucket) => client.send(new HeadObjectCommand({ Bucket: bucket, Key: "k" })).then(() => "ok", (e) => ({ name: e.name, message: e.message, attempts: e.$metadata.attempts }));
export const handler = async () => ({ socket: await attempt(slow, "slow-bucket"), connect: await attempt(dropped, "gone-bucket") });`),
    latency: { "slow-bucket.s3.eu-west-1.amazonaws.com": 5 },
    responses: [{ match: "gone-bucket.s3.eu-west-1.amazonaws.com", answers: [{ connection: "dropped" }] }],
    timeout: 60,
  });
  expect(result.result).toEqual({
    socket: {
      name: "TimeoutError",
      message: "@smithy/node-http-handler - the request socket timed out after 2000 ms of inactivity (configured by client requestHandler).",
      attempts: 3,
    },
    connect: {
      name: "TimeoutError",
      message: "@smithy/node-http-handler - the request socket did not establish a connection with the server within the configured timeout of 1000 ms.",
      attempts: 1,
    },
  });
  expect(result.elapsedSeconds).toBeGreaterThan(7);
  expect(result.elapsedSeconds).toBeLessThan(7.2);
});

test("a 503 then a 200: DynamoDB retries after under 25 ms (its base) and the document client unmarshalls the rule's item", async ({ engine }) => {
  const { result } = await engine.run({
    code: js(`
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient, GetCommand } from "@aws-sdk/lib-dynamodb";
const doc = DynamoDBDocumentClient.from(new DynamoDBClient({}));
export const handler = async () => {
  const out = await doc.send(new GetCommand({ TableName: "users", Key: { id: "u1" } }));
  return { item: out.Item, attempts: out.$metadata.attempts, status: out.$metadata.httpStatusCode };
};`),
    responses: [
      {
        match: "POST dynamodb.us-east-1.amazonaws.com/",
        answers: [{ status: 503, times: 1 }, { json: { Item: { id: { S: "u1" }, visits: { N: "3" }, tags: { L: [{ S: "a" }] } } } }],
      },
    ],
  });
  expect(result.verdict).toBe("ok");
  expect(result.result).toEqual({ item: { id: "u1", visits: 3, tags: ["a"] }, attempts: 2, status: 200 });
  const network = spansOf(result.timeline, "network");
  expect(network.map((span) => span.status)).toEqual([503, 200]);
  expect(network.every((span) => span.answer === "rule")).toBe(true);
  expect(network[0]?.label).toMatch(/DynamoDB GetItem, attempt 1 of 4/);
  const [wait] = spansOf(result.timeline, "timer");
  expect(durationOf(wait!) * 1000).toBeLessThan(25);
  expect(wait?.label).toMatch(/transient error, before attempt 2 of 4/);
});

test("service errors carry the code as their name, the SDK's classes and $metadata; client errors are not retried", async ({ engine }) => {
  const { result } = await engine.run({
    code: js(`
import { DynamoDBClient, GetItemCommand, ResourceNotFoundException } from "@aws-sdk/client-dynamodb";
import { S3Client, GetObjectCommand, NoSuchKey, S3ServiceException } from "@aws-sdk/client-s3";
export const handler = async () => {
  const out = {};
  try { await new DynamoDBClient({}).send(new GetItemCommand({ TableName: "nope", Key: {} })); } catch (e) {
    out.dynamo = { name: e.name, message: e.message, fault: e.$fault, attempts: e.$metadata.attempts, status: e.$metadata.httpStatusCode, typed: e instanceof ResourceNotFoundException };
  }
  try { await new S3Client({}).send(new GetObjectCommand({ Bucket: "bucket-one", Key: "missing.txt" })); } catch (e) {
    out.s3 = { name: e.name, message: e.message, typed: e instanceof NoSuchKey && e instanceof S3ServiceException, Key: e.Key };
  }
  return out;
};`),
    responses: [
      { match: "dynamodb.us-east-1.amazonaws.com", answers: [{ status: 400, json: { __type: "com.amazonaws.dynamodb.v20120810#ResourceNotFoundException", message: "Requested resource not found" } }] },
      { match: "bucket-one.s3.us-east-1.amazonaws.com/*", answers: [{ status: 404, text: "<Error><Code>NoSuchKey</Code><Message>The specified key does not exist.</Message><Key>missing.txt</Key></Error>" }] },
    ],
  });
  expect(result.result).toEqual({
    dynamo: { name: "ResourceNotFoundException", message: "Requested resource not found", fault: "client", attempts: 1, status: 400, typed: true },
    s3: { name: "NoSuchKey", message: "The specified key does not exist.", typed: true },
  });
  expect(spansOf(result.timeline, "timer")).toHaveLength(0);
});

test("throttling is retried on the 1000 ms throttling base; an error thrown out of the handler names its line", async ({ engine }) => {
  const { result } = await engine.run({
    code: js(`
const { SQSClient, SendMessageCommand } = require("@aws-sdk/client-sqs");
const sqs = new SQSClient({ maxAttempts: 2 });
exports.handler = async () => {
  await sqs.send(new SendMessageCommand({ QueueUrl: "https://sqs.us-east-1.amazonaws.com/123456789012/jobs", MessageBody: "x" }));
};`),
    responses: [{ match: "sqs.us-east-1.amazonaws.com", answers: [{ status: 400, json: { __type: "com.amazonaws.sqs#ThrottlingException", message: "Rate exceeded" } }] }],
  });
  expect(result.verdict).toBe("error");
  expect(result.error).toEqual({ type: "ThrottlingException", message: "Rate exceeded", line: 4 });
  const [wait] = spansOf(result.timeline, "timer");
  expect(wait?.label).toMatch(/throttling error, before attempt 2 of 2/);
  expect(durationOf(wait!) * 1000).toBeLessThan(1000);
  expect(spansOf(result.timeline, "network")).toHaveLength(2);
});

test("SQS ReceiveMessage long polling holds the call for WaitTimeSeconds on the virtual clock, then answers an empty queue", async ({ engine }) => {
  const { result } = await engine.run({
    code: js(`
import { SQSClient, ReceiveMessageCommand, DeleteMessageCommand } from "@aws-sdk/client-sqs";
const sqs = new SQSClient({});
const QueueUrl = "https://sqs.us-east-1.amazonaws.com/123456789012/jobs";
export const handler = async () => {
  const first = await sqs.send(new ReceiveMessageCommand({ QueueUrl, WaitTimeSeconds: 20 }));
  const second = await sqs.send(new ReceiveMessageCommand({ QueueUrl, WaitTimeSeconds: 20 }));
  for (const m of second.Messages ?? []) await sqs.send(new DeleteMessageCommand({ QueueUrl, ReceiptHandle: m.ReceiptHandle }));
  return { first: first.Messages ?? null, second: second.Messages.map((m) => m.Body) };
};`),
    responses: [{ match: "POST sqs.us-east-1.amazonaws.com/", answers: [{ from: 20.05, json: { Messages: [{ MessageId: "m1", ReceiptHandle: "r1", Body: "job" }] } }] }],
    timeout: 30,
  });
  expect(result.verdict).toBe("ok");
  expect(result.result).toEqual({ first: null, second: ["job"] });
  const [poll, got, deleted] = spansOf(result.timeline, "network");
  expect(durationOf(poll!)).toBeCloseTo(20.05, 1);
  expect(poll?.answer).toBe("service");
  expect(poll?.label).toMatch(/SQS ReceiveMessage, long poll 20 s, attempt 1 of 3/);
  expect(got?.answer).toBe("rule");
  expect(deleted?.label).toMatch(/DeleteMessage/);
});

test("Lambda Invoke: RequestResponse waits for the invoked function (the lambda host's latency), Event answers 202 at once", async ({ engine }) => {
  const { result } = await engine.run({
    code: js(`
import { LambdaClient, InvokeCommand } from "@aws-sdk/client-lambda";
const lambda = new LambdaClient({});
export const handler = async () => {
  const t0 = Date.now();
  const queued = await lambda.send(new InvokeCommand({ FunctionName: "mailer", InvocationType: "Event", Payload: JSON.stringify({}) }));
  const t1 = Date.now();
  const sync = await lambda.send(new InvokeCommand({ FunctionName: "worker", Payload: JSON.stringify({}) }));
  return { queued: queued.StatusCode, queuedMs: t1 - t0, sync: sync.StatusCode, payload: JSON.parse(sync.Payload.transformToString()), syncMs: Date.now() - t1 };
};`),
    latency: { "lambda.us-east-1.amazonaws.com": 30 },
    responses: [{ match: "POST lambda.us-east-1.amazonaws.com/2015-03-31/functions/worker/invocations", answers: [{ json: { statusCode: 200 } }] }],
    timeout: 60,
  });
  const out = result.result as { queued: number; queuedMs: number; sync: number; payload: unknown; syncMs: number };
  expect(out.queued).toBe(202);
  expect(out.queuedMs).toBeLessThan(100);
  expect(out.sync).toBe(200);
  expect(out.payload).toEqual({ statusCode: 200 });
  expect(out.syncMs).toBeGreaterThanOrEqual(30_000);
  expect(out.syncMs).toBeLessThan(30_100);
});

test("abortSignal ends the call with the SDK's AbortError and no retry; getSignedUrl costs no network time", async ({ engine }) => {
  const { result } = await engine.run({
    code: js(`
import { S3Client, GetObjectCommand, PutObjectCommand } from "@aws-sdk/client-s3";
import { getSignedUrl } from "@aws-sdk/s3-request-presigner";
const s3 = new S3Client({ region: "eu-central-1" });
export const handler = async () => {
  const url = new URL(await getSignedUrl(s3, new PutObjectCommand({ Bucket: "uploads", Key: "a b.png" })));
  let aborted;
  try { await s3.send(new GetObjectCommand({ Bucket: "uploads", Key: "big" }), { abortSignal: AbortSignal.timeout(1000) }); } catch (e) {
    aborted = { name: e.name, message: e.message, cause: e.cause?.name };
  }
  const tooLong = await getSignedUrl(s3, new GetObjectCommand({ Bucket: "uploads", Key: "k" }), { expiresIn: 8 * 86400 }).catch((e) => e);
  return { host: url.host, path: url.pathname, expires: url.searchParams.get("X-Amz-Expires"), alg: url.searchParams.get("X-Amz-Algorithm"), aborted, tooLong };
};`),
    latency: { "uploads.s3.eu-central-1.amazonaws.com": 5 },
  });
  expect(result.result).toEqual({
    host: "uploads.s3.eu-central-1.amazonaws.com",
    path: "/a%20b.png",
    expires: "900",
    alg: "AWS4-HMAC-SHA256",
    aborted: { name: "AbortError", message: "Request aborted", cause: "TimeoutError" },
    tooLong: "Signature version 4 presigned URLs must have an expiration date less than one week in the future",
  });
  const network = spansOf(result.timeline, "network");
  expect(network).toHaveLength(1);
  expect(network[0]?.label).toMatch(/\(aborted\)$/);
});

test("without AWS_REGION (Vercel) and no region option, send fails with the SDK's error", async ({ engine }) => {
  const { result } = await engine.run(
    {
      code: js(`
import { S3Client, ListObjectsV2Command } from "@aws-sdk/client-s3";
export async function GET() {
  const s3 = new S3Client({});
  const out = await s3.send(new ListObjectsV2Command({ Bucket: "b" }));
  return Response.json(out);
}`),
    },
    "vercel",
  );
  expect(result.verdict).toBe("error");
  expect(result.error).toEqual({ type: "Error", message: "Region is missing", line: 4 });
});

test("Bedrock Converse without a rule gives a plausible, labelled default; ConverseStream yields its events", async ({ engine }) => {
  const { result } = await engine.run({
    code: js(`
import { BedrockRuntimeClient, ConverseCommand, ConverseStreamCommand } from "@aws-sdk/client-bedrock-runtime";
const bedrock = new BedrockRuntimeClient({ region: "us-west-2" });
export const handler = async () => {
  const input = { modelId: "anthropic.claude-3-5-sonnet-20240620-v1:0", messages: [{ role: "user", content: [{ text: "hi" }] }] };
  const out = await bedrock.send(new ConverseCommand(input));
  const streamed = await bedrock.send(new ConverseStreamCommand(input));
  let text = "";
  for await (const event of streamed.stream) if (event.contentBlockDelta) text += event.contentBlockDelta.delta.text;
  return { role: out.output.message.role, stop: out.stopReason, same: text === out.output.message.content[0].text };
};`),
  });
  expect(result.result).toEqual({ role: "assistant", stop: "end_turn", same: true });
  const network = spansOf(result.timeline, "network");
  expect(network[0]?.label).toBe("POST https://bedrock-runtime.us-west-2.amazonaws.com/model/anthropic.claude-3-5-sonnet-20240620-v1%3A0/converse (BedrockRuntime Converse, attempt 1 of 3)");
  expect(network.every((span) => span.answer === "default")).toBe(true);
});
