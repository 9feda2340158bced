import { expect } from "vitest";
import { durationOf, js, spansOf, test } from "./library-test-kit";

test("aws-sdk v2 Lambda.invoke of a 200 s function: TimeoutError after 120 000 ms, retried 3 times", async ({ engine }) => {
  const { result } = await engine.run({
    code: js(`
const AWS = require("aws-sdk");
const lambda = new AWS.Lambda();
exports.handler = async () => {
  try {
    await lambda.invoke({ FunctionName: "report", Payload: "{}" }).promise();
  } catch (e) {
    return { name: e.name, code: e.code, message: e.message, retryable: e.retryable, hostname: e.hostname };
  }
};`),
    latency: { "lambda.us-east-1.amazonaws.com": 200 },
    timeout: 900,
  });
  expect(result.result).toEqual({ name: "TimeoutError", code: "TimeoutError", message: "Connection timed out after 120000ms", retryable: true, hostname: "lambda.us-east-1.amazonaws.com" });
  const network = spansOf(result.timeline, "network");
  expect(network).toHaveLength(4);
  for (const span of network) expect(durationOf(span)).toBeCloseTo(120, 1);
  // random × 2^n × 100 ms
  const waits = spansOf(result.timeline, "timer").map((span) => durationOf(span) * 1000);
  expect(waits).toHaveLength(3);
  waits.forEach((ms, n) => expect(ms).toBeLessThan(2 ** n * 100));
  expect(result.elapsedSeconds).toBeCloseTo(480 + waits.reduce((a, b) => a + b, 0) / 1000, 1);
});

test("AWS.config.update timeouts and maxRetries; DocumentClient retries a 500 after under 50 ms and unmarshalls; callback style", async ({ engine }) => {
  const { result } = await engine.run({
    code: js(`
const AWS = require("aws-sdk");
AWS.config.update({ region: "eu-west-1", httpOptions: { connectTimeout: 1000 }, maxRetries: 1 });
const db = new AWS.DynamoDB.DocumentClient();
const s3 = new AWS.S3();
exports.handler = (event, context, callback) => {
  db.get({ TableName: "t", Key: { id: "1" } }, (err, data) => {
    if (err) return callback(err);
    s3.getObject({ Bucket: "gone-bucket", Key: "k" }).promise().then(
      () => callback(null, "answered"),
      (e) => callback(null, { item: data.Item, s3: { code: e.code, message: e.message, retryable: e.retryable }, timeout: AWS.config.httpOptions.timeout }),
    );
  });
};`),
    responses: [
      { match: "dynamodb.eu-west-1.amazonaws.com", answers: [{ status: 500, times: 1, json: { __type: "InternalServerError", message: "boom" } }, { json: { Item: { id: { S: "1" }, n: { N: "2" } } } }] },
      { match: "gone-bucket.s3.eu-west-1.amazonaws.com", answers: [{ connection: "dropped" }] },
    ],
  });
  expect(result.verdict).toBe("ok");
  expect(result.result).toEqual({
    item: { id: "1", n: 2 },
    s3: { code: "TimeoutError", message: "Socket timed out without establishing a connection", retryable: true },
    timeout: 120000,
  });
  const [dynamoWait, s3Wait] = spansOf(result.timeline, "timer");
  expect(durationOf(dynamoWait!) * 1000).toBeLessThan(50);
  expect(s3Wait?.label).toMatch(/TimeoutError, before retry 1 of 1/);
  expect(spansOf(result.timeline, "network")).toHaveLength(4);
});

test("v2 S3 uses the global endpoint in us-east-1, names bodiless 404s NotFound, and a refused connection is a NetworkingError", async ({ engine }) => {
  const { result } = await engine.run({
    code: js(`
import AWS from "aws-sdk";
const s3 = new AWS.S3({ maxRetries: 0 });
const sqs = new AWS.SQS({ endpoint: "http://localhost:4566", maxRetries: 0 });
export const handler = async () => {
  const head = await s3.headObject({ Bucket: "my-bucket", Key: "nope" }).promise().catch((e) => ({ code: e.code, statusCode: e.statusCode, retryable: e.retryable }));
  const sent = await sqs.sendMessage({ QueueUrl: "http://localhost:4566/000000000000/q", MessageBody: "x" }).promise().catch((e) => ({ code: e.code, message: e.message }));
  return { head, sent };
};`),
    responses: [
      { match: "HEAD my-bucket.s3.amazonaws.com/nope", answers: [{ status: 404 }] },
      { match: "localhost:4566", answers: [{ connection: "refused" }] },
    ],
  });
  expect(result.result).toEqual({
    head: { code: "NotFound", statusCode: 404, retryable: false },
    sent: { code: "NetworkingError", message: "connect ECONNREFUSED 127.0.0.1:4566" },
  });
});
