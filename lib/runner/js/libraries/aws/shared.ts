// What both AWS SDKs (v3 and v2) share in the simulator: regional endpoints, reading an AWS error
// out of an answer, and the bodies S3 and Lambda hand back. Sources: lib/runner/js/libraries/SOURCES.md.

import type { Answer } from "../../../world";
import { isRecord, parseJson } from "../transport";

export type ServiceId = "S3" | "SQS" | "DynamoDB" | "Lambda" | "BedrockRuntime" | "SNS" | "SES" | "SESv2";

/** The endpoint prefix of each service: https://{prefix}.{region}.amazonaws.com */
export const ENDPOINT_PREFIX: Record<ServiceId, string> = {
  S3: "s3",
  SQS: "sqs",
  DynamoDB: "dynamodb",
  Lambda: "lambda",
  BedrockRuntime: "bedrock-runtime",
  SNS: "sns",
  SES: "email",
  SESv2: "email",
};

/** The service's regional endpoint, or the `endpoint` the client was given (LocalStack, a VPC endpoint). */
export function baseUrl(service: ServiceId, region: string, endpoint?: string): string {
  if (endpoint) return endpoint.replace(/\/+$/, "");
  return `https://${ENDPOINT_PREFIX[service]}.${region}.amazonaws.com`;
}

/** A bucket name that can be a DNS label, so the SDK puts it in the host (virtual-hosted style). */
export function dnsCompatibleBucket(bucket: string): boolean {
  return /^[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$/.test(bucket) && !/^\d+\.\d+\.\d+\.\d+$/.test(bucket);
}

/** An S3 object URL as the SDK builds it: virtual-hosted style unless path style is forced or needed. */
export function s3ObjectUrl(region: string, bucket: string, key: string | undefined, options: { endpoint?: string; forcePathStyle?: boolean }): string {
  const path = key === undefined ? "" : key.split("/").map(encodeURIComponent).join("/");
  const base = new URL(baseUrl("S3", region, options.endpoint));
  if (options.forcePathStyle || !dnsCompatibleBucket(bucket)) {
    return `${base.origin}/${encodeURIComponent(bucket)}${key === undefined ? "" : `/${path}`}`;
  }
  return `${base.protocol}//${bucket}.${base.host}/${path}`;
}

export type AwsErrorFields = {
  code: string | undefined;
  message: string | undefined;
  /** the body's other fields, copied onto the exception as the SDKs do */
  fields: Record<string, unknown>;
};

function sanitize(code: string): string {
  // "com.amazonaws.dynamodb.v20120810#ResourceNotFoundException", "ThrottlingException:http://..."
  let clean = code.split(",")[0] ?? code;
  clean = clean.split(":")[0] ?? clean;
  return clean.includes("#") ? (clean.split("#").pop() ?? clean) : clean;
}

function xmlTag(xml: string, tag: string): string | undefined {
  const match = new RegExp(`<${tag}>([\\s\\S]*?)</${tag}>`).exec(xml);
  return match?.[1];
}

/** The error code and message of an error answer: x-amzn-errortype, a JSON body's __type/code, or an XML <Code>. */
export function readAwsError(answer: Answer): AwsErrorFields {
  const header = answer.headers["x-amzn-errortype"];
  const json = parseJson(answer.body);
  if (isRecord(json)) {
    const nested = isRecord(json.Error) ? json.Error : {};
    const raw = json.__type ?? json.code ?? json.Code ?? nested.Code ?? header;
    const message = json.message ?? json.Message ?? nested.Message ?? nested.message;
    const fields = { ...nested, ...json };
    return { code: typeof raw === "string" ? sanitize(raw) : undefined, message: typeof message === "string" ? message : undefined, fields };
  }
  if (answer.body.trimStart().startsWith("<")) {
    const code = xmlTag(answer.body, "Code");
    const message = xmlTag(answer.body, "Message");
    const fields: Record<string, unknown> = {};
    if (code !== undefined) fields.Code = code;
    if (message !== undefined) fields.Message = message;
    const requestId = xmlTag(answer.body, "RequestId");
    if (requestId !== undefined) fields.RequestId = requestId;
    return { code: code ?? (header ? sanitize(header) : undefined), message, fields };
  }
  return { code: header ? sanitize(header) : undefined, message: undefined, fields: {} };
}

/** Request ids as the SDKs read them from the answer's headers. */
export function requestIds(answer: Answer): { requestId?: string; extendedRequestId?: string; cfId?: string } {
  const h = answer.headers;
  const out: { requestId?: string; extendedRequestId?: string; cfId?: string } = {};
  const requestId = h["x-amzn-requestid"] ?? h["x-amz-request-id"];
  if (requestId) out.requestId = requestId;
  if (h["x-amz-id-2"]) out.extendedRequestId = h["x-amz-id-2"];
  if (h["x-amz-cf-id"]) out.cfId = h["x-amz-cf-id"];
  return out;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

function base64(bytes: Uint8Array): string {
  let binary = "";
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}

/**
 * v3's Uint8ArrayBlobAdapter (Lambda's Payload, Bedrock's body): bytes that also read as a string.
 * @smithy/core 3.41.1 dist-es/submodules/serde/util-stream/blob/Uint8ArrayBlobAdapter.js
 */
export class Uint8ArrayBlobAdapter extends Uint8Array {
  static fromString(source: string, encoding = "utf-8"): Uint8ArrayBlobAdapter {
    const bytes = encoding === "base64" ? Uint8Array.from(atob(source), (c) => c.charCodeAt(0)) : encoder.encode(source);
    return Object.setPrototypeOf(bytes, Uint8ArrayBlobAdapter.prototype) as Uint8ArrayBlobAdapter;
  }
  transformToString(encoding = "utf-8"): string {
    return encoding === "base64" ? base64(this) : decoder.decode(this);
  }
}

// @smithy/core 3.41.1 dist-es/submodules/serde/util-stream/sdk-stream-mixin.browser.js
const STREAM_TRANSFORMED = "The stream has already been transformed.";

/**
 * A GetObject Body: the answer's bytes behind the SDK's stream mixin. Each transform works once,
 * as on a real socket stream; the bytes arrived with the response, so reading costs no time.
 */
export function sdkStream(text: string): Record<string | symbol, unknown> {
  const bytes = encoder.encode(text);
  let used = false;
  const take = () => {
    if (used) throw new Error(STREAM_TRANSFORMED);
    used = true;
    return bytes;
  };
  return {
    transformToString: async (encoding = "utf-8") => {
      const data = take();
      return encoding === "base64" ? base64(data) : decoder.decode(data);
    },
    transformToByteArray: async () => take(),
    transformToWebStream: () => {
      const data = take();
      return new ReadableStream<Uint8Array>({
        start(controller) {
          controller.enqueue(data);
          controller.close();
        },
      });
    },
    async *[Symbol.asyncIterator]() {
      yield take();
    },
    // Readable's own helpers people call on a Body
    setEncoding() {
      return this;
    },
    destroy() {},
  };
}

/** Whether an input Body is a stream (not retried by v3: a stream cannot be sent twice). */
export function isStreamingBody(body: unknown): boolean {
  if (typeof body !== "object" || body === null) return false;
  return typeof (body as { pipe?: unknown }).pipe === "function" || (typeof ReadableStream !== "undefined" && body instanceof ReadableStream);
}

export function asBytesText(value: unknown): string {
  if (value === undefined || value === null) return "";
  if (typeof value === "string") return value;
  if (value instanceof Uint8Array) return decoder.decode(value);
  return JSON.stringify(value);
}
