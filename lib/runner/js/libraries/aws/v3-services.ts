// The v3 service packages a handler imports: each operation's HTTP request (method and URL, as the
// SDK's endpoint rules build it), the answer of the service's own model where the simulator has
// one, and the documented top-level output filled from the answer's JSON body. A response rule's
// JSON is the operation's output ({"Items": [...]} for a Query, {"Messages": [...]} for a
// ReceiveMessage); an answer without one gives only what the SDK itself adds ($metadata).

import { DEFAULT_LATENCY_SECONDS } from "../../../latency";
import type { Answer } from "../../../world";
import type { RunContext } from "../../run-context";
import { isRecord, parseJson, randomHex } from "../transport";
import { baseUrl, s3ObjectUrl, sdkStream, Uint8ArrayBlobAdapter, type ServiceId } from "./shared";
import {
  aggregatedClass,
  clientClass,
  commandClass,
  exceptionClasses,
  serviceUrl,
  type CommandLike,
  type Operation,
  type ServiceSpec,
} from "./v3-client";

type Deps = { ctx: RunContext; process: unknown };
type Input = Record<string, unknown>;

/** The answer's JSON object, unless it is the simulator's default body (which no AWS API returns). */
export function jsonOutput(answer: Answer): Record<string, unknown> {
  if (answer.source === "default") return {};
  const json = parseJson(answer.body);
  return isRecord(json) ? { ...json } : {};
}

function text(value: unknown): string {
  return value === undefined || value === null ? "" : String(value);
}

function required(input: Input, ...names: string[]): void {
  for (const name of names) {
    if (input[name] === undefined || input[name] === null || input[name] === "") {
      throw new Error(`No value provided for input HTTP label: ${name}.`);
    }
  }
}

function headerDate(value: string | undefined): Date | undefined {
  if (!value) return undefined;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

function metadataHeaders(answer: Answer): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(answer.headers)) if (key.startsWith("x-amz-meta-")) out[key.slice(11)] = value;
  return out;
}

function service(deps: Deps, spec: ServiceSpec, clientName: string, operations: Operation[], exceptionBase: string, exceptionNames: readonly string[]) {
  const exceptions = exceptionClasses(exceptionBase, exceptionNames);
  const Client = clientClass(deps, spec, `${clientName}Client`, exceptions);
  const commands: Record<string, new (input?: Input) => CommandLike> = {};
  for (const operation of operations) commands[`${operation.name}Command`] = commandClass(operation);
  const Aggregated = aggregatedClass(Client, commands, clientName);
  return { [`${clientName}Client`]: Client, [clientName]: Aggregated, ...commands, ...exceptions.all };
}

// ------------------------------------------------------------------------------------------ S3

const S3_EXCEPTIONS = ["NoSuchKey", "NoSuchBucket", "NotFound", "InvalidObjectState", "BucketAlreadyExists", "ObjectNotInActiveTierError"] as const;

export function s3Operations(): Operation[] {
  const object = (input: Input, client: Parameters<Operation["request"]>[1]) => {
    required(input, "Bucket", "Key");
    return s3ObjectUrl(client.region, text(input.Bucket), text(input.Key), client);
  };
  return [
    {
      name: "GetObject",
      request: (input, client) => ({ method: "GET", url: object(input, client) }),
      // the body is the object's content, whatever its type
      output: (answer) => ({
        Body: sdkStream(answer.body),
        ContentLength: new TextEncoder().encode(answer.body).length,
        ContentType: answer.headers["content-type"],
        ...(answer.headers.etag ? { ETag: answer.headers.etag } : {}),
        ...(answer.headers["last-modified"] ? { LastModified: headerDate(answer.headers["last-modified"]) } : {}),
        Metadata: metadataHeaders(answer),
      }),
    },
    {
      name: "PutObject",
      request: (input, client) => ({ method: "PUT", url: object(input, client) }),
      output: (answer, _input, ctx) => {
        const json = jsonOutput(answer);
        const etag = answer.headers.etag ?? json.ETag ?? (answer.source === "rule" ? undefined : `"${randomHex(ctx, 16)}"`);
        return { ...json, ...(etag ? { ETag: etag } : {}) };
      },
    },
    {
      name: "HeadObject",
      request: (input, client) => ({ method: "HEAD", url: object(input, client) }),
      output: (answer) => ({
        ...jsonOutput(answer),
        ...(answer.headers["content-length"] ? { ContentLength: Number(answer.headers["content-length"]) } : {}),
        ...(answer.headers["content-type"] ? { ContentType: answer.headers["content-type"] } : {}),
        ...(answer.headers.etag ? { ETag: answer.headers.etag } : {}),
        ...(answer.headers["last-modified"] ? { LastModified: headerDate(answer.headers["last-modified"]) } : {}),
        Metadata: metadataHeaders(answer),
      }),
    },
    {
      name: "DeleteObject",
      request: (input, client) => ({ method: "DELETE", url: object(input, client) }),
      output: (answer) => jsonOutput(answer),
    },
    {
      name: "ListObjectsV2",
      request: (input, client) => {
        required(input, "Bucket");
        const query = new URLSearchParams({ "list-type": "2" });
        if (input.Prefix !== undefined) query.set("prefix", text(input.Prefix));
        if (input.ContinuationToken !== undefined) query.set("continuation-token", text(input.ContinuationToken));
        if (input.MaxKeys !== undefined) query.set("max-keys", text(input.MaxKeys));
        return { method: "GET", url: `${s3ObjectUrl(client.region, text(input.Bucket), undefined, client)}?${query}` };
      },
      output: (answer, input) => {
        const json = jsonOutput(answer);
        if (answer.source !== "default") return json;
        // the simulator's guess, said as such by the default-answer note: an empty listing
        return { IsTruncated: false, KeyCount: 0, MaxKeys: 1000, Name: input.Bucket, Prefix: input.Prefix ?? "" };
      },
    },
    {
      name: "CopyObject",
      request: (input, client) => ({ method: "PUT", url: object(input, client) }),
      output: (answer) => jsonOutput(answer),
    },
  ];
}

// ----------------------------------------------------------------------------------------- SQS

export function sqsOperations(): Operation[] {
  // AWS JSON 1.0 since client-sqs 3.446: every operation is a POST to the service root, sent to
  // the QueueUrl's host (useQueueUrlAsEndpoint, @aws-sdk/middleware-sdk-sqs).
  const url = (input: Input, client: Parameters<Operation["request"]>[1]) => {
    if (!client.endpoint && typeof input.QueueUrl === "string") {
      try {
        return `${new URL(input.QueueUrl).origin}/`;
      } catch {
        // not a URL: the SDK would send it in the body and let SQS reject it
      }
    }
    return serviceUrl("SQS", client);
  };
  return [
    {
      name: "SendMessage",
      request: (input, client) => ({ method: "POST", url: url(input, client) }),
      output: (answer, _input, ctx) => {
        const json = jsonOutput(answer);
        if (answer.source === "rule") return json;
        return { MessageId: ctx.host.randomUUID(), MD5OfMessageBody: randomHex(ctx, 16) };
      },
    },
    {
      name: "SendMessageBatch",
      request: (input, client) => ({ method: "POST", url: url(input, client) }),
      output: (answer, input, ctx) => {
        const json = jsonOutput(answer);
        if (answer.source === "rule") return json;
        const entries = Array.isArray(input.Entries) ? (input.Entries as Input[]) : [];
        return { Successful: entries.map((entry) => ({ Id: entry.Id, MessageId: ctx.host.randomUUID(), MD5OfMessageBody: randomHex(ctx, 16) })), Failed: [] };
      },
    },
    {
      name: "ReceiveMessage",
      request: (input, client) => ({ method: "POST", url: url(input, client) }),
      // No rule: SQS's own behaviour for an empty queue. A long poll (WaitTimeSeconds 1-20) is held
      // by the server for the whole wait and then answers with no Messages; a short poll answers
      // at once. (The queue's own ReceiveMessageWaitTimeSeconds is not known here: 0 assumed.)
      model: (input, requestUrl, ctx) => {
        const wait = Math.min(20, Math.max(0, Number(input.WaitTimeSeconds ?? 0) || 0));
        const round = ctx.responder.latency(requestUrl);
        return { status: 200, headers: { "content-type": "application/x-amz-json-1.0" }, body: "{}", latency: wait + round, source: "service" };
      },
      detail: (input) => {
        const wait = Number(input.WaitTimeSeconds ?? 0) || 0;
        return wait > 0 ? `long poll ${Math.min(20, wait)} s` : undefined;
      },
      output: (answer) => jsonOutput(answer),
    },
    { name: "DeleteMessage", request: (input, client) => ({ method: "POST", url: url(input, client) }), output: (answer) => jsonOutput(answer) },
    { name: "DeleteMessageBatch", request: (input, client) => ({ method: "POST", url: url(input, client) }), output: (answer) => jsonOutput(answer) },
    { name: "ChangeMessageVisibility", request: (input, client) => ({ method: "POST", url: url(input, client) }), output: (answer) => jsonOutput(answer) },
    { name: "GetQueueUrl", request: (input, client) => ({ method: "POST", url: url(input, client) }), output: (answer) => jsonOutput(answer) },
    { name: "GetQueueAttributes", request: (input, client) => ({ method: "POST", url: url(input, client) }), output: (answer) => jsonOutput(answer) },
  ];
}

// ------------------------------------------------------------------------------------ DynamoDB

export const DYNAMODB_OPERATIONS = ["GetItem", "PutItem", "UpdateItem", "DeleteItem", "Query", "Scan", "BatchGetItem", "BatchWriteItem", "TransactGetItems", "TransactWriteItems", "DescribeTable"] as const;

export function dynamoOperations(): Operation[] {
  // AWS JSON 1.0: a POST to the service root, the operation in X-Amz-Target.
  return DYNAMODB_OPERATIONS.map((name) => ({
    name,
    request: (_input: Input, client: Parameters<Operation["request"]>[1]) => ({ method: "POST", url: serviceUrl("DynamoDB", client) }),
    output: (answer: Answer) => jsonOutput(answer),
  }));
}

// -------------------------------------------------------------------------------------- Lambda

export function lambdaOperations(): Operation[] {
  return [
    {
      name: "Invoke",
      request: (input, client) => {
        required(input, "FunctionName");
        const qualifier = input.Qualifier === undefined ? "" : `?Qualifier=${encodeURIComponent(text(input.Qualifier))}`;
        return { method: "POST", url: serviceUrl("Lambda", client, `/2015-03-31/functions/${encodeURIComponent(text(input.FunctionName))}/invocations${qualifier}`) };
      },
      // RequestResponse waits for the invoked function: the lambda host's latency rule is its
      // duration, and its output is the default body unless a rule gives one. Event queues the
      // invocation and answers 202 at once; DryRun answers 204.
      model: (input, url, ctx) => {
        const type = text(input.InvocationType ?? "RequestResponse");
        if (type === "Event") return { status: 202, headers: {}, body: "", latency: DEFAULT_LATENCY_SECONDS, source: "service" };
        if (type === "DryRun") return { status: 204, headers: {}, body: "", latency: DEFAULT_LATENCY_SECONDS, source: "service" };
        return ctx.responder.fallback(url);
      },
      detail: (input) => `${text(input.InvocationType ?? "RequestResponse")} ${text(input.FunctionName)}`,
      output: (answer, input) => {
        const type = text(input.InvocationType ?? "RequestResponse");
        const out: Record<string, unknown> = { StatusCode: answer.status, Payload: Uint8ArrayBlobAdapter.fromString(answer.body) };
        if (type === "RequestResponse") out.ExecutedVersion = answer.headers["x-amz-executed-version"] ?? "$LATEST";
        if (answer.headers["x-amz-function-error"]) out.FunctionError = answer.headers["x-amz-function-error"];
        if (answer.headers["x-amz-log-result"]) out.LogResult = answer.headers["x-amz-log-result"];
        return out;
      },
    },
  ];
}

// ----------------------------------------------------------------------------- Bedrock Runtime

const SIMULATED_REPLY = "This is a simulated reply: add a response rule for this host to choose what the model answers.";

function converseDefault(answer: Answer): Record<string, unknown> {
  return {
    output: { message: { role: "assistant", content: [{ text: SIMULATED_REPLY }] } },
    stopReason: "end_turn",
    usage: { inputTokens: 10, outputTokens: 20, totalTokens: 30 },
    metrics: { latencyMs: Math.round(answer.latency * 1000) },
  };
}

/** ConverseStream's events from a Converse-shaped output, in the order Bedrock sends them. */
function converseEvents(output: Record<string, unknown>): unknown[] {
  const message = isRecord(output.output) && isRecord(output.output.message) ? output.output.message : {};
  const content = Array.isArray(message.content) ? message.content : [];
  const events: unknown[] = [{ messageStart: { role: message.role ?? "assistant" } }];
  content.forEach((block, index) => {
    const chunk = isRecord(block) && typeof block.text === "string" ? block.text : "";
    events.push({ contentBlockDelta: { contentBlockIndex: index, delta: { text: chunk } } });
    events.push({ contentBlockStop: { contentBlockIndex: index } });
  });
  events.push({ messageStop: { stopReason: output.stopReason ?? "end_turn" } });
  events.push({ metadata: { usage: output.usage ?? {}, metrics: output.metrics ?? {} } });
  return events;
}

function asyncIterable(items: unknown[]): AsyncIterable<unknown> {
  return {
    async *[Symbol.asyncIterator]() {
      for (const item of items) yield item;
    },
  };
}

function bedrockOperations(): Operation[] {
  const model = (input: Input, client: Parameters<Operation["request"]>[1], suffix: string) => {
    required(input, "modelId");
    return { method: "POST", url: serviceUrl("BedrockRuntime", client, `/model/${encodeURIComponent(text(input.modelId))}/${suffix}`) };
  };
  return [
    {
      name: "InvokeModel",
      request: (input, client) => model(input, client, "invoke"),
      output: (answer) => ({ body: Uint8ArrayBlobAdapter.fromString(answer.body), contentType: answer.headers["content-type"] ?? "application/json" }),
    },
    {
      name: "Converse",
      request: (input, client) => model(input, client, "converse"),
      output: (answer) => (answer.source === "default" ? converseDefault(answer) : jsonOutput(answer)),
    },
    {
      name: "ConverseStream",
      request: (input, client) => model(input, client, "converse-stream"),
      output: (answer) => {
        const json = answer.source === "default" ? undefined : parseJson(answer.body);
        const events = Array.isArray(json) ? json : converseEvents(isRecord(json) ? json : converseDefault(answer));
        return { stream: asyncIterable(events) };
      },
    },
  ];
}

// -------------------------------------------------------------------------------- SNS and SES

export function messageIdOperation(serviceId: ServiceId, name: string, path = "/"): Operation {
  return {
    name,
    request: (_input, client) => ({ method: "POST", url: `${baseUrl(serviceId, client.region, client.endpoint)}${path}` }),
    output: (answer, _input, ctx) => {
      const json = jsonOutput(answer);
      return answer.source === "rule" ? json : { MessageId: ctx.host.randomUUID() };
    },
  };
}

// -------------------------------------------------------------------------------------- modules

/** DynamoDB spec: @aws-sdk/client-dynamodb 3.1169.0 DynamoDBClient.js resolveRetryConfig(_, { defaultBaseDelay: 25, defaultMaxAttempts: 4 }), runtimeConfig.js getDefaultSocketTimeout(_, 300_000) */
export const DYNAMODB_SPEC: ServiceSpec = { id: "DynamoDB", maxAttempts: 4, baseDelayMs: 25, defaultSocketTimeoutMs: 300_000 };

export const DYNAMODB_EXCEPTIONS = [
  "ResourceNotFoundException",
  "ConditionalCheckFailedException",
  "ProvisionedThroughputExceededException",
  "ThrottlingException",
  "RequestLimitExceeded",
  "TransactionCanceledException",
  "InternalServerError",
  "ValidationException",
] as const;

export function s3Module(deps: Deps) {
  return service(deps, { id: "S3", restXml: true }, "S3", s3Operations(), "S3ServiceException", S3_EXCEPTIONS);
}

export function sqsModule(deps: Deps) {
  // @aws-sdk/client-sqs 3.1175.0 runtimeConfig.js: getDefaultSocketTimeout(_, 900_000)
  return service(deps, { id: "SQS", defaultSocketTimeoutMs: 900_000 }, "SQS", sqsOperations(), "SQSServiceException", [
    "QueueDoesNotExist",
    "OverLimit",
    "InvalidMessageContents",
    "RequestThrottled",
  ]);
}

export function dynamodbModule(deps: Deps) {
  return service(deps, DYNAMODB_SPEC, "DynamoDB", dynamoOperations(), "DynamoDBServiceException", DYNAMODB_EXCEPTIONS);
}

export function lambdaModule(deps: Deps) {
  return service(deps, { id: "Lambda" }, "Lambda", lambdaOperations(), "LambdaServiceException", [
    "ResourceNotFoundException",
    "TooManyRequestsException",
    "ServiceException",
    "InvalidRequestContentException",
  ]);
}

export function bedrockRuntimeModule(deps: Deps) {
  // @aws-sdk/client-bedrock-runtime 3.1164.0 runtimeConfig.js: NodeHttp2Handler with disableConcurrentStreams
  return service(deps, { id: "BedrockRuntime", http2: true }, "BedrockRuntime", bedrockOperations(), "BedrockRuntimeServiceException", [
    "ThrottlingException",
    "ModelTimeoutException",
    "ModelNotReadyException",
    "ServiceUnavailableException",
    "ValidationException",
    "AccessDeniedException",
  ]);
}

export function snsModule(deps: Deps) {
  return service(deps, { id: "SNS" }, "SNS", [messageIdOperation("SNS", "Publish")], "SNSServiceException", ["NotFoundException", "ThrottledException"]);
}

export function sesModule(deps: Deps) {
  return service(deps, { id: "SES" }, "SES", [messageIdOperation("SES", "SendEmail"), messageIdOperation("SES", "SendRawEmail")], "SESServiceException", ["MessageRejected", "ThrottlingException"]);
}

export function sesv2Module(deps: Deps) {
  return service(deps, { id: "SESv2" }, "SESv2", [messageIdOperation("SESv2", "SendEmail", "/v2/email/outbound-emails")], "SESv2ServiceException", [
    "MessageRejected",
    "TooManyRequestsException",
  ]);
}
