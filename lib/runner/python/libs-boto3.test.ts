import { describe, expect, test } from "vitest";
import { parseWorld } from "../world";
import { network, run, sleeps } from "./libs.fixture";

describe("boto3 / botocore: botocore 1.43.67's defaults", () => {
  test("standard mode makes exactly 3 attempts with rand·min(2^(n-1), 20) s between, then ClientError with the code from the body", async () => {
    const r = await run(
      `
      import boto3
      from botocore.config import Config
      def lambda_handler(event, context):
          ddb = boto3.client("dynamodb", region_name="eu-west-1", config=Config(retries={"mode": "standard"}))
          ddb.get_item(TableName="t", Key={"id": {"S": "1"}})
    `,
      parseWorld({
        responses: [{ match: "POST dynamodb.eu-west-1.amazonaws.com", status: 400, json: { __type: "com.amazonaws.dynamodb.v20120810#ThrottlingException", message: "Rate exceeded" } }],
      }),
    );
    expect(r.error).toMatchObject({
      type: "botocore.errorfactory.ThrottlingException",
      message: "An error occurred (ThrottlingException) when calling the GetItem operation (reached max retries: 2): Rate exceeded",
    });
    expect(network(r)).toHaveLength(3);
    expect(network(r)[0]?.host).toBe("dynamodb.eu-west-1.amazonaws.com");
    const waits = sleeps(r).map((s) => s.end - s.start);
    expect(waits[0]).toBeLessThanOrEqual(1);
    expect(waits[1]).toBeLessThanOrEqual(2);
  });

  test("legacy mode (the default): a slow Bedrock model hits the 60 s read timeout on 5 attempts, then ReadTimeoutError", async () => {
    const r = await run(
      `
      import boto3
      def lambda_handler(event, context):
          br = boto3.client("bedrock-runtime", region_name="us-west-2")
          br.converse(modelId="anthropic.claude-3", messages=[{"role": "user", "content": [{"text": "hi"}]}])
    `,
      { timeout: 900, latency: { "bedrock-runtime.us-west-2.amazonaws.com": 300 } },
    );
    expect(r.error).toMatchObject({
      type: "botocore.exceptions.ReadTimeoutError",
      message: 'Read timeout on endpoint URL: "https://bedrock-runtime.us-west-2.amazonaws.com/model/anthropic.claude-3/converse"',
    });
    expect(network(r)).toHaveLength(5);
    for (const call of network(r)) expect(call.end - call.start).toBeCloseTo(60, 1);
    // rand * 2 ** (attempt - 1) for attempts 1-4: at most 1 + 2 + 4 + 8 s in all.
    const slept = sleeps(r).reduce((sum, s) => sum + s.end - s.start, 0);
    expect(slept).toBeLessThanOrEqual(15);
  });

  test("S3 calls go to the virtual-hosted bucket host; HEAD 404 reads as code 404; get_object's Body streams the answer", async () => {
    const r = await run(
      `
      import boto3
      from botocore.exceptions import ClientError
      def lambda_handler(event, context):
          s3 = boto3.client("s3")
          s3.put_object(Bucket="my-bucket", Key="in/a.txt", Body=b"hi")
          body = s3.get_object(Bucket="my-bucket", Key="in/a.txt")["Body"].read()
          try:
              s3.head_object(Bucket="my-bucket", Key="missing")
          except ClientError as e:
              missing = [e.response["Error"]["Code"], str(e)]
          url = s3.generate_presigned_url("get_object", Params={"Bucket": "my-bucket", "Key": "k"}, ExpiresIn=60)
          return [body.decode(), missing, url.split("?")[0], "X-Amz-Expires=60" in url]
    `,
      parseWorld({
        responses: [
          { match: "GET my-bucket.s3.amazonaws.com/in/a.txt", text: "object body" },
          { match: "HEAD my-bucket.s3.amazonaws.com/missing", status: 404 },
        ],
      }),
    );
    expect(r.result).toEqual([
      "object body",
      ["404", "An error occurred (404) when calling the HeadObject operation: Not Found"],
      "https://my-bucket.s3.amazonaws.com/k",
      true,
    ]);
    expect(network(r).map((s) => s.host)).toEqual(["my-bucket.s3.amazonaws.com", "my-bucket.s3.amazonaws.com", "my-bucket.s3.amazonaws.com"]);
    expect(network(r)[0]?.label).toContain("region us-east-1 assumed");
  });

  test("SQS long polling holds an empty receive for WaitTimeSeconds; Lambda Event invokes answer 202 at once", async () => {
    const r = await run(
      `
      import boto3, time
      def lambda_handler(event, context):
          sqs = boto3.client("sqs", region_name="us-east-1")
          t = time.monotonic()
          got = sqs.receive_message(QueueUrl="https://sqs.us-east-1.amazonaws.com/1/q", WaitTimeSeconds=20)
          waited = round(time.monotonic() - t)
          lam = boto3.client("lambda", region_name="us-east-1")
          queued = lam.invoke(FunctionName="worker", InvocationType="Event")["StatusCode"]
          t = time.monotonic()
          sync = lam.invoke(FunctionName="worker")["StatusCode"]
          return ["Messages" in got, waited, queued, sync, round(time.monotonic() - t)]
    `,
      { latency: { "lambda.us-east-1.amazonaws.com": 12 } },
    );
    expect(r.result).toEqual([false, 20, 202, 200, 12]);
  });
});
