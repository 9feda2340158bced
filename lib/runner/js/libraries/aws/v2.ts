// AWS SDK for JavaScript v2 (`aws-sdk`, 2.1692.0): `new AWS.S3()`, `AWS.DynamoDB.DocumentClient`,
// `AWS.config.update(...)`, requests with `.promise()`, `.send(cb)` or a callback. Its defaults are
// not v3's: every request has a 120 000 ms socket timeout (httpOptions.timeout) and is retried up
// to 3 times (DynamoDB 10) after `random × 2^retryCount × base` ms (base 100, DynamoDB 50), and
// network errors come back as TimeoutError / NetworkingError with `retryable: true`.
// Sources, file by file: SOURCES.md. Requests and outputs reuse the v3 operations (same URLs and
// parameter names); S3 in us-east-1 uses v2's global endpoint, s3.amazonaws.com.

import type { Answer } from "../../../world";
import { captureSite, markErrorSite, type RunContext } from "../../run-context";
import { backoff, connectionRefused, envOf, exchange, isRecord, type AttemptTimer } from "../transport";
import { unmarshall } from "./dynamodb-document";
import { readAwsError, requestIds, type ServiceId } from "./shared";
import type { Operation, ResolvedClient } from "./v3-client";
import { dynamoOperations, lambdaOperations, messageIdOperation, s3Operations, sqsOperations } from "./v3-services";

// lib/config.js defaults: httpOptions { timeout: 120000 }, maxRetries undefined (the service's count)
export const V2_DEFAULT_TIMEOUT_MS = 120_000;
// lib/service.js defaultRetryCount: 3; lib/services/dynamodb.js defaultRetryCount: 10
export const V2_DEFAULT_RETRIES = 3;
export const V2_DYNAMODB_RETRIES = 10;
// lib/util.js calculateRetryDelay: base 100 ms; lib/services/dynamodb.js retryDelays: base 50 ms
export const V2_RETRY_BASE_MS = 100;
export const V2_DYNAMODB_RETRY_BASE_MS = 50;

// lib/service.js throttledError
const THROTTLING_CODES = new Set([
  "ProvisionedThroughputExceededException",
  "Throttling",
  "ThrottlingException",
  "RequestLimitExceeded",
  "RequestThrottled",
  "RequestThrottledException",
  "TooManyRequestsException",
  "TransactionInProgressException",
  "EC2ThrottledException",
]);

type V2Error = Error & { code?: string; retryable?: boolean; statusCode?: number; time?: Date; region?: string; hostname?: string; requestId?: string; retryDelay?: number };

/** AWS.util.error: options copied on, name from the code when the error had none of its own. */
function awsError(error: Error, options: Record<string, unknown>): V2Error {
  const hadName = Object.prototype.hasOwnProperty.call(error, "name");
  Object.assign(error, options);
  if (typeof options.message === "string") error.message = options.message;
  if (!hadName) error.name = String(options.name ?? options.code ?? error.name ?? "Error");
  (error as V2Error).time = new Date();
  return error as V2Error;
}

type Config = {
  region?: string;
  endpoint?: string;
  maxRetries?: number;
  httpOptions: { timeout?: number; connectTimeout?: number; [key: string]: unknown };
  retryDelayOptions: { base?: number; customBackoff?: (retryCount: number, error: unknown) => number };
  s3ForcePathStyle?: boolean;
  s3UsEast1RegionalEndpoint?: string;
  params?: Record<string, unknown>;
  [key: string]: unknown;
};

function mergeConfig(base: Config, more: Record<string, unknown> = {}): Config {
  const merged: Config = { ...base, ...more, httpOptions: { ...base.httpOptions }, retryDelayOptions: { ...base.retryDelayOptions } };
  if (isRecord(more.httpOptions)) Object.assign(merged.httpOptions, more.httpOptions);
  if (isRecord(more.retryDelayOptions)) Object.assign(merged.retryDelayOptions, more.retryDelayOptions);
  return merged;
}

type ServiceDef = { id: ServiceId; operations: Operation[]; retries: number; base: number; /** S3: v2's error codes for bodiless answers */ s3?: boolean };

function lowerFirst(name: string): string {
  return name.charAt(0).toLowerCase() + name.slice(1);
}

export function awsV2Module(deps: { ctx: RunContext; process: unknown }) {
  const { ctx } = deps;
  const globalConfig: Config = { httpOptions: { timeout: V2_DEFAULT_TIMEOUT_MS }, retryDelayOptions: {}, maxRetries: undefined };

  class ConfigClass {
    constructor(options: Record<string, unknown> = {}) {
      Object.assign(this, mergeConfig({ httpOptions: { timeout: V2_DEFAULT_TIMEOUT_MS }, retryDelayOptions: {} }, options));
    }
    update(options: Record<string, unknown> = {}) {
      const merged = mergeConfig(this as unknown as Config, options);
      Object.assign(this, merged);
    }
  }
  const config = Object.assign(new ConfigClass(), globalConfig) as unknown as Config & { update: (options: Record<string, unknown>) => void };

  /** AWS.Request: sent once, by the first of promise(), send() or a callback. */
  class AWSRequest {
    private sent: Promise<unknown> | null = null;
    private aborted = false;
    private readonly controller = new AbortController();
    private readonly listeners = new Map<string, Array<(...args: unknown[]) => void>>();
    constructor(
      private readonly start: (signal: AbortSignal) => Promise<unknown>,
      readonly operation: string,
      readonly params: Record<string, unknown>,
    ) {}
    private go(): Promise<unknown> {
      this.sent ??= this.start(this.controller.signal).then(
        (data) => {
          this.emit("success", { data });
          this.emit("complete", { data });
          return data;
        },
        (error: unknown) => {
          this.emit("error", error);
          this.emit("complete", { error });
          throw error;
        },
      );
      return this.sent;
    }
    promise() {
      return this.go();
    }
    send(callback?: (error: unknown, data?: unknown) => void) {
      const sent = this.go();
      if (callback) sent.then((data) => callback(null, data), (error: unknown) => callback(error));
      else sent.catch(() => undefined);
      return this;
    }
    abort() {
      if (!this.aborted) {
        this.aborted = true;
        this.controller.abort();
      }
      return this;
    }
    on(event: string, listener: (...args: unknown[]) => void) {
      const list = this.listeners.get(event) ?? [];
      list.push(listener);
      this.listeners.set(event, list);
      return this;
    }
    private emit(event: string, ...args: unknown[]) {
      for (const listener of this.listeners.get(event) ?? []) listener(...args);
    }
    createReadStream(): never {
      throw new Error("createReadStream() is not simulated: read the object with getObject(params).promise() and its Body");
    }
  }

  const makeService = (def: ServiceDef, name: string) => {
    const Service = class {
      readonly config: Config;
      constructor(options: Record<string, unknown> = {}) {
        this.config = mergeConfig(config, options);
        for (const operation of def.operations) {
          (this as Record<string, unknown>)[lowerFirst(operation.name)] = (params: Record<string, unknown> = {}, callback?: (error: unknown, data?: unknown) => void) => {
            const site = captureSite();
            const merged = { ...(this.config.params ?? {}), ...params };
            const request = new AWSRequest((signal) => this.call(operation, merged, site, signal), operation.name, merged);
            if (typeof callback === "function") request.send(callback);
            return request;
          };
        }
      }

      private async call(operation: Operation, params: Record<string, unknown>, site: Error, signal: AbortSignal): Promise<unknown> {
        const env = envOf(deps.process);
        const region = this.config.region || env.AWS_REGION || undefined;
        if (!region) {
          const error = awsError(new Error("Missing region in config"), { code: "ConfigError" });
          markErrorSite(ctx, error, site);
          throw error;
        }
        const client: ResolvedClient = { region, forcePathStyle: this.config.s3ForcePathStyle === true };
        // v2's S3 in us-east-1 is the global endpoint unless s3UsEast1RegionalEndpoint: 'regional'
        if (def.s3 && region === "us-east-1" && this.config.s3UsEast1RegionalEndpoint !== "regional" && !this.config.endpoint) client.endpoint = "https://s3.amazonaws.com";
        if (this.config.endpoint) client.endpoint = String(this.config.endpoint).replace(/^(?![a-z]+:\/\/)/, "https://");
        let method: string;
        let url: string;
        try {
          ({ method, url } = operation.request(params, client));
          // v2's SQS speaks the query protocol to the queue's own URL
          if (def.id === "SQS" && typeof params.QueueUrl === "string" && /^https?:\/\//.test(params.QueueUrl)) url = params.QueueUrl;
        } catch (error) {
          const wrapped = awsError(error as Error, { code: "MissingRequiredParameter" });
          markErrorSite(ctx, wrapped, site);
          throw wrapped;
        }
        const maxRetries = typeof this.config.maxRetries === "number" ? this.config.maxRetries : def.retries;
        const timeout = this.config.httpOptions.timeout ?? 0;
        const connectTimeout = this.config.httpOptions.connectTimeout;
        const hostname = new URL(url).hostname;
        const networkError = (error: Error, code: "TimeoutError" | "NetworkingError") =>
          awsError(awsError(error, { code }), { code, region, hostname, retryable: true });
        const timers: AttemptTimer[] = [];
        if (connectTimeout) {
          timers.push({ ms: connectTimeout, phase: "connect", note: `connectTimeout ${connectTimeout} ms`, fire: () => networkError(new Error("Socket timed out without establishing a connection"), "TimeoutError") });
        }
        if (timeout) {
          // lib/http/node.js: stream.setTimeout(httpOptions.timeout), a socket timeout that counts while connecting too
          timers.push({ ms: timeout, phase: "any", note: `httpOptions.timeout ${timeout} ms`, fire: () => networkError(new Error(`Connection timed out after ${timeout}ms`), "TimeoutError") });
        }
        const abortError = () => awsError(new Error("Request aborted by user"), { code: "RequestAbortedError", retryable: false });
        for (let retryCount = 0; ; retryCount++) {
          let error: V2Error;
          try {
            const model = ctx.responder.match(method, url, ctx.loop.now() / 1000) ?? operation.model?.(params, url, ctx) ?? undefined;
            const answer = await exchange({
              ctx,
              method,
              url,
              site,
              detail: `aws-sdk v2 ${def.id} ${lowerFirst(operation.name)}, attempt ${retryCount + 1} of ${maxRetries + 1}`,
              timers,
              signal,
              abortError,
              refusedError: () => networkError(connectionRefused(url), "NetworkingError"),
              ...(model ? { answer: model } : {}),
            });
            if (answer.status < 300) return this.output(operation, answer, params);
            error = this.serviceError(answer, region);
          } catch (caught) {
            error = caught as V2Error;
          }
          if (error.code === "RequestAbortedError" || retryCount >= maxRetries || error.retryable !== true) {
            markErrorSite(ctx, error, site);
            throw error;
          }
          const custom = this.config.retryDelayOptions.customBackoff;
          const base = typeof this.config.retryDelayOptions.base === "number" ? this.config.retryDelayOptions.base : def.base;
          const delay = typeof custom === "function" ? custom(retryCount, error) : Math.random() * (2 ** retryCount * base);
          if (!(delay >= 0)) {
            markErrorSite(ctx, error, site);
            throw error;
          }
          await backoff(ctx, delay, site, `aws-sdk v2 ${def.id} retry backoff (${error.code ?? error.name}, before retry ${retryCount + 1} of ${maxRetries})`, signal, abortError);
        }
      }

      private output(operation: Operation, answer: Answer, params: Record<string, unknown>): unknown {
        const out = operation.output(answer, params, ctx);
        if (def.id === "DynamoDB") return out;
        // v2 hands back Buffers where v3 has streams and blob adapters
        for (const key of ["Body", "Payload"]) if (key in out) out[key] = textBuffer(answer.body);
        return out;
      }

      private serviceError(answer: Answer, region: string): V2Error {
        const { code, message, fields } = readAwsError(answer);
        let errorCode: string = code ?? "UnknownError";
        let errorMessage: string | null = message ?? null;
        if (def.s3 && !code) {
          // lib/services/s3.js extractError: bodiless answers are named by their status
          const codes: Record<number, string> = { 304: "NotModified", 403: "Forbidden", 400: "BadRequest", 404: "NotFound" };
          errorCode = codes[answer.status] ?? String(answer.status);
        } else if (!answer.body) {
          errorMessage = String(answer.status);
        }
        const error = awsError(new Error(errorMessage ?? ""), {
          code: errorCode,
          statusCode: answer.status,
          region,
          ...(requestIds(answer).requestId ? { requestId: requestIds(answer).requestId } : {}),
        });
        if (errorMessage === null) error.message = null as unknown as string;
        for (const [key, value] of Object.entries(fields)) if (!(key in error) && key !== "__type" && key !== "message") Object.defineProperty(error, key, { value, enumerable: false, writable: true });
        error.retryable = this.retryable(error);
        return error;
      }

      /** lib/service.js retryableError */
      private retryable(error: V2Error): boolean {
        if (error.code === "TimeoutError" || error.code === "NetworkingError" || error.code === "ExpiredTokenException") return true;
        if (error.statusCode === 429 || THROTTLING_CODES.has(error.code ?? "")) return true;
        return (error.statusCode ?? 0) >= 500;
      }
    };
    Object.defineProperty(Service, "name", { value: name });
    return Service;
  };

  const S3 = makeService({ id: "S3", operations: s3Operations(), retries: V2_DEFAULT_RETRIES, base: V2_RETRY_BASE_MS, s3: true }, "S3");
  const SQS = makeService({ id: "SQS", operations: sqsOperations(), retries: V2_DEFAULT_RETRIES, base: V2_RETRY_BASE_MS }, "SQS");
  const DynamoDB = makeService({ id: "DynamoDB", operations: dynamoOperations(), retries: V2_DYNAMODB_RETRIES, base: V2_DYNAMODB_RETRY_BASE_MS }, "DynamoDB");
  const Lambda = makeService({ id: "Lambda", operations: lambdaOperations(), retries: V2_DEFAULT_RETRIES, base: V2_RETRY_BASE_MS }, "Lambda");
  const SNS = makeService({ id: "SNS", operations: [messageIdOperation("SNS", "Publish")], retries: V2_DEFAULT_RETRIES, base: V2_RETRY_BASE_MS }, "SNS");
  const SES = makeService({ id: "SES", operations: [messageIdOperation("SES", "SendEmail"), messageIdOperation("SES", "SendRawEmail")], retries: V2_DEFAULT_RETRIES, base: V2_RETRY_BASE_MS }, "SES");

  /** AWS.DynamoDB.DocumentClient: the DynamoDB methods with plain values in and out. */
  const DOCUMENT_METHODS: Record<string, string> = {
    get: "getItem",
    put: "putItem",
    update: "updateItem",
    delete: "deleteItem",
    query: "query",
    scan: "scan",
    batchGet: "batchGetItem",
    batchWrite: "batchWriteItem",
    transactGet: "transactGetItems",
    transactWrite: "transactWriteItems",
  };
  class DocumentClient {
    readonly service: InstanceType<typeof DynamoDB>;
    constructor(options: Record<string, unknown> & { service?: InstanceType<typeof DynamoDB> } = {}) {
      this.service = options.service ?? new DynamoDB(options);
      for (const [method, low] of Object.entries(DOCUMENT_METHODS)) {
        (this as Record<string, unknown>)[method] = (params: Record<string, unknown>, callback?: (error: unknown, data?: unknown) => void) => {
          const request = ((this.service as unknown as Record<string, (p: unknown) => AWSRequest>)[low] as (p: unknown) => AWSRequest)(params);
          const documentRequest = new AWSRequest(() => request.promise().then((data) => documentOutput(data)), method, params);
          if (typeof callback === "function") documentRequest.send(callback);
          return documentRequest;
        };
      }
    }
    createSet(list: unknown[]) {
      return new Set(list);
    }
  }
  Object.assign(DynamoDB, { DocumentClient, Converter: { unmarshall, output: unmarshall } });

  class Endpoint {
    readonly href: string;
    readonly hostname: string;
    constructor(endpoint: string) {
      const url = new URL(/^[a-z]+:\/\//.test(endpoint) ? endpoint : `https://${endpoint}`);
      this.href = url.href;
      this.hostname = url.hostname;
    }
  }
  class Credentials {
    constructor(readonly accessKeyId?: string, readonly secretAccessKey?: string, readonly sessionToken?: string) {}
  }

  const AWS = { config, Config: ConfigClass, S3, SQS, DynamoDB, Lambda, SNS, SES, Endpoint, Credentials, Request: AWSRequest, VERSION: "2.1692.0", util: { uuid: { v4: () => ctx.host.randomUUID() } } };
  return Object.assign(AWS, { default: AWS });
}

function documentOutput(data: unknown): unknown {
  if (!isRecord(data)) return data;
  const out = { ...data };
  for (const key of ["Item", "Attributes", "LastEvaluatedKey"]) if (key in out) out[key] = unmarshall(out[key]);
  if (Array.isArray(out.Items)) out.Items = out.Items.map(unmarshall);
  return out;
}

/** A Buffer-like body: bytes whose toString() is the text, as `data.Body.toString()` expects. */
function textBuffer(text: string): Uint8Array {
  const bytes = new TextEncoder().encode(text);
  Object.defineProperty(bytes, "toString", { value: () => text });
  return bytes;
}
