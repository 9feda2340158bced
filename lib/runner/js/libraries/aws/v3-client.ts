// AWS SDK for JavaScript v3 as a handler sees it: `new XClient(config)`, `client.send(new
// XCommand(input), { abortSignal, requestTimeout })`, `client.destroy()`. Every attempt goes
// through the simulated network (transport.ts) with the timers of @smithy/node-http-handler, and
// failures are retried by the standard retry strategy of @smithy/core, with the SDK's own
// defaults, error names and messages. The figures below are from the published packages a fresh
// `npm install` gets: @aws-sdk/client-* 3.1169.0, @smithy/core 3.41.1 and
// @smithy/node-http-handler 4.14.2 (see SOURCES.md for file by file).
//
// Not modelled: credentials and signing (nothing is signed or checked), request bodies (a rule
// matches the method and URL only), checksums, endpoint discovery, adaptive retry's client-side
// rate limiter (adaptive mode retries like standard here).

import type { Answer } from "../../../world";
import { captureSite, markErrorSite, type RunContext } from "../../run-context";
import { backoff, connectionRefused, envOf, exchange, logLine, type AttemptTimer } from "../transport";
import { baseUrl, isStreamingBody, readAwsError, requestIds, type ServiceId } from "./shared";

// ---- @smithy/core 3.41.1, dist-es/submodules/retry/util-retry/{config,constants,retries-2026-config}.js
/** DEFAULT_MAX_ATTEMPTS: one request and two retries */
export const DEFAULT_MAX_ATTEMPTS = 3;
/** MAXIMUM_RETRY_DELAY: no backoff is longer */
export const MAXIMUM_RETRY_DELAY_MS = 20_000;
/** Retry.delay(): the backoff base; 3.41.1 ships the 2026 retry behaviour on (Retry.v2026 = true) */
export const RETRY_DELAY_BASE_MS = 50;
/** Retry.throttlingDelay(): the base for throttling errors */
export const THROTTLING_RETRY_DELAY_BASE_MS = 1_000;
/** INITIAL_RETRY_TOKENS, Retry.cost() (transient), Retry.throttlingCost(), NO_RETRY_INCREMENT */
const INITIAL_RETRY_TOKENS = 500;
const RETRY_COST = 14;
const THROTTLING_RETRY_COST = 5;
const NO_RETRY_INCREMENT = 1;
/** retryAfterHint is honoured up to the computed delay plus this (StandardRetryStrategy.js) */
const RETRY_AFTER_CAP_MS = 5_000;

// ---- @smithy/core 3.41.1, dist-es/submodules/retry/service-error-classification/constants.js
const THROTTLING_ERROR_CODES = new Set([
  "BandwidthLimitExceeded",
  "EC2ThrottledException",
  "LimitExceededException",
  "PriorRequestNotComplete",
  "ProvisionedThroughputExceededException",
  "RequestLimitExceeded",
  "RequestThrottled",
  "RequestThrottledException",
  "SlowDown",
  "ThrottledException",
  "Throttling",
  "ThrottlingException",
  "TooManyRequestsException",
  "TransactionInProgressException",
]);
const TRANSIENT_ERROR_CODES = new Set(["TimeoutError", "RequestTimeout", "RequestTimeoutException"]);
const TRANSIENT_ERROR_STATUS_CODES = new Set([500, 502, 503, 504]);
const NODEJS_TIMEOUT_ERROR_CODES = new Set(["ECONNRESET", "ECONNREFUSED", "EPIPE", "ETIMEDOUT"]);
const NODEJS_NETWORK_ERROR_CODES = new Set(["EHOSTUNREACH", "ENETUNREACH", "ENOTFOUND", "EAI_AGAIN"]);

// ---- @smithy/core 3.41.1, dist-es/submodules/client/smithy-client/defaults-mode.js
const DEFAULTS_MODE_CONNECTION_TIMEOUT: Record<string, number> = { standard: 3100, "in-region": 1100, "cross-region": 3100, mobile: 30000 };

// ---- @smithy/node-http-handler 4.14.2, dist-cjs/index.js (setConnectionTimeout, setRequestTimeout, setSocketTimeout)
const connectionTimeoutMessage = (ms: number) =>
  `@smithy/node-http-handler - the request socket did not establish a connection with the server within the configured timeout of ${ms} ms.`;
const requestTimeoutMessage = (ms: number, throws: boolean) =>
  `@smithy/node-http-handler - [${throws ? "ERROR" : "WARN"}] a request has exceeded the configured ${ms} ms requestTimeout.`;
const REQUEST_TIMEOUT_HINT = " Init client requestHandler with throwOnRequestTimeout=true to turn this into an error.";
const socketTimeoutMessage = (ms: number, serviceDefault: boolean) =>
  `@smithy/node-http-handler - the request socket timed out after ${ms} ms of inactivity (${serviceDefault ? "service default socket timeout" : "configured by client requestHandler"}).`;
// NodeHttp2Handler (Bedrock Runtime): a stream's requestTimeout, and the isolated session's idle
// timeout of 300 000 ms (createIsolatedSession) after which the stream closes unanswered.
const http2StreamTimeoutMessage = (ms: number) => `Stream timed out because of no activity for ${ms} ms`;
const HTTP2_SESSION_TIMEOUT_MS = 300_000;
const HTTP2_NO_RESPONSE = "Unexpected error: http2 request did not get a response";
/** @aws-sdk/core 3.981.2 getDefaultSocketTimeout: services' socket timeouts only apply with this env var */
const DEFAULT_SOCKET_TIMEOUT_ENV = "AWS_ENABLE_DEFAULT_SOCKET_TIMEOUT_2026";

export type HandlerOptions = {
  connectionTimeout?: number;
  requestTimeout?: number;
  socketTimeout?: number;
  throwOnRequestTimeout?: boolean;
  /** NodeHttp2Handler only */
  sessionTimeout?: number;
};

const HANDLER = Symbol("deadline.smithy-handler");

/** @smithy/node-http-handler's NodeHttpHandler and NodeHttp2Handler: options only, the simulator sends. */
export function createHandlerModule() {
  class NodeHttpHandler {
    readonly [HANDLER]: HandlerOptions;
    readonly metadata = { handlerProtocol: "http/1.1" };
    constructor(options: HandlerOptions | (() => Promise<HandlerOptions>) = {}) {
      this[HANDLER] = typeof options === "function" ? {} : { ...options };
    }
    static create(options?: unknown) {
      if (typeof (options as { handle?: unknown } | undefined)?.handle === "function") return options;
      return new this(options as HandlerOptions);
    }
    handle(): never {
      throw new Error("the simulator sends requests through the client's send(); call client.send(command)");
    }
    destroy() {}
    updateHttpClientConfig(key: string, value: unknown) {
      (this[HANDLER] as Record<string, unknown>)[key] = value;
    }
    httpHandlerConfigs() {
      return { ...this[HANDLER] };
    }
  }
  class NodeHttp2Handler extends NodeHttpHandler {
    override readonly metadata = { handlerProtocol: "h2" };
  }
  return { NodeHttpHandler, NodeHttp2Handler, DEFAULT_REQUEST_TIMEOUT: 0, streamCollector: async (stream: unknown) => stream };
}

/** A user-supplied retry strategy from @smithy/util-retry (or its v3 re-exports). */
type RetryStrategyLike = { mode?: string; maxAttempts?: () => Promise<number>; __delay?: (attempt: number) => number; __maxAttempts?: number };

export function createRetryModule() {
  class StandardRetryStrategy {
    readonly mode: string = "standard";
    readonly __maxAttempts: number | undefined;
    constructor(maxAttempts?: number | { maxAttempts: number } | (() => Promise<number>)) {
      this.__maxAttempts = typeof maxAttempts === "number" ? maxAttempts : typeof maxAttempts === "object" ? maxAttempts.maxAttempts : undefined;
    }
    async maxAttempts() {
      return this.__maxAttempts ?? DEFAULT_MAX_ATTEMPTS;
    }
  }
  class AdaptiveRetryStrategy extends StandardRetryStrategy {
    override readonly mode = "adaptive";
  }
  /** ConfiguredRetryStrategy(maxAttempts, computeNextBackoffDelay = 1000 ms): a fixed backoff the user chose. */
  class ConfiguredRetryStrategy extends StandardRetryStrategy {
    readonly __delay: (attempt: number) => number;
    constructor(maxAttempts: number, computeNextBackoffDelay: number | ((attempt: number) => number) = 1000) {
      super(maxAttempts);
      this.__delay = typeof computeNextBackoffDelay === "number" ? () => computeNextBackoffDelay : computeNextBackoffDelay;
    }
  }
  return {
    StandardRetryStrategy,
    AdaptiveRetryStrategy,
    ConfiguredRetryStrategy,
    DEFAULT_MAX_ATTEMPTS,
    DEFAULT_RETRY_DELAY_BASE: 100,
    MAXIMUM_RETRY_DELAY: MAXIMUM_RETRY_DELAY_MS,
    THROTTLING_RETRY_DELAY_BASE: 500,
    DEFAULT_RETRY_MODE: "standard",
    RETRY_MODES: { STANDARD: "standard", ADAPTIVE: "adaptive" },
  };
}

export type ServiceSpec = {
  id: ServiceId;
  /** defaultMaxAttempts / defaultBaseDelay given to resolveRetryConfig (DynamoDB: 4 and 25 ms) */
  maxAttempts?: number;
  baseDelayMs?: number;
  /** getDefaultSocketTimeout(requestHandler, ms) in the client's runtimeConfig, when the service sets one */
  defaultSocketTimeoutMs?: number;
  http2?: boolean;
  /** S3's REST-XML protocol names a bodiless 404 "NotFound" (loadRestXmlErrorCode) */
  restXml?: boolean;
};

export type Operation = {
  name: string;
  /** the HTTP request the SDK would send */
  request(input: Record<string, unknown>, client: ResolvedClient): { method: string; url: string };
  /** the service model's answer when no rule matches, or null for the default answer */
  model?(input: Record<string, unknown>, url: string, ctx: RunContext): Answer | null;
  /** the documented top-level output, from the answer */
  output(answer: Answer, input: Record<string, unknown>, ctx: RunContext): Record<string, unknown>;
  /** a long-poll operation (SQS ReceiveMessage): its span says how long the server holds it */
  detail?(input: Record<string, unknown>): string | undefined;
};

export type ResolvedClient = {
  region: string;
  endpoint?: string;
  forcePathStyle: boolean;
};

type ClientConfig = {
  region?: unknown;
  endpoint?: unknown;
  maxAttempts?: unknown;
  retryMode?: unknown;
  retryStrategy?: unknown;
  requestHandler?: unknown;
  forcePathStyle?: unknown;
  defaultsMode?: unknown;
  logger?: { warn?: (...args: unknown[]) => void };
  [key: string]: unknown;
};

export type SendOptions = { abortSignal?: AbortSignal; requestTimeout?: number };

export const OPERATION = Symbol("deadline.aws-operation");
/** client[RESOLVE](command): the request the client would send, for the presigner (no network) */
export const RESOLVE = Symbol("deadline.aws-resolve");

export type CommandLike = { input: Record<string, unknown>; [OPERATION]?: Operation; middlewareStack?: unknown };

/** A v3 Command class for one operation. */
export function commandClass(operation: Operation, name = `${operation.name}Command`) {
  const Command = class {
    readonly input: Record<string, unknown>;
    readonly [OPERATION] = operation;
    readonly middlewareStack = middlewareStack();
    constructor(input: Record<string, unknown> = {}) {
      this.input = input;
    }
  };
  Object.defineProperty(Command, "name", { value: name });
  return Command;
}

function middlewareStack() {
  return { add() {}, addRelativeTo() {}, use() {}, remove: () => false, clone: middlewareStack, identify: () => [] };
}

/** The service's base exception (S3ServiceException, …) and the named ones handlers catch. */
export function exceptionClasses(baseName: string, names: readonly string[]) {
  class ServiceException extends Error {
    $fault: "client" | "server" = "client";
    $metadata: Record<string, unknown> = {};
    $retryable?: { throttling?: boolean };
    constructor(options: { name?: string; message?: string; $fault?: "client" | "server"; $metadata?: Record<string, unknown> } = {}) {
      super(options.message);
      this.name = options.name ?? baseName;
      if (options.$fault) this.$fault = options.$fault;
      if (options.$metadata) this.$metadata = options.$metadata;
    }
  }
  Object.defineProperty(ServiceException, "name", { value: baseName });
  const named: Record<string, typeof ServiceException> = {};
  for (const name of names) {
    const Named = class extends ServiceException {
      constructor(options: { message?: string; $metadata?: Record<string, unknown> } = {}) {
        super({ ...options, name });
      }
    };
    Object.defineProperty(Named, "name", { value: name });
    named[name] = Named;
  }
  return { ServiceException, named, all: { [baseName]: ServiceException, ...named } };
}

type Exceptions = ReturnType<typeof exceptionClasses>;

type ErrorType = "THROTTLING" | "TRANSIENT" | "SERVER_ERROR" | "CLIENT_ERROR";

type SdkError = Error & { code?: string; $metadata?: Record<string, unknown>; $retryable?: { throttling?: boolean }; cause?: unknown; $response?: Answer };

function isTransient(error: SdkError, depth = 0): boolean {
  const status = error.$metadata?.httpStatusCode as number | undefined;
  return (
    error.$retryable !== undefined ||
    TRANSIENT_ERROR_CODES.has(error.name) ||
    NODEJS_TIMEOUT_ERROR_CODES.has(error.code ?? "") ||
    NODEJS_NETWORK_ERROR_CODES.has(error.code ?? "") ||
    TRANSIENT_ERROR_STATUS_CODES.has(status ?? 0) ||
    (typeof error.cause === "object" && error.cause !== null && depth <= 10 && isTransient(error.cause as SdkError, depth + 1))
  );
}

/** getRetryErrorType of @smithy/core's retryMiddleware. */
export function retryErrorType(error: SdkError): ErrorType {
  const status = error.$metadata?.httpStatusCode as number | undefined;
  if (status === 429 || THROTTLING_ERROR_CODES.has(error.name) || error.$retryable?.throttling === true) return "THROTTLING";
  if (isTransient(error)) return "TRANSIENT";
  if (status !== undefined && status >= 500 && status <= 599) return "SERVER_ERROR";
  return "CLIENT_ERROR";
}

/** retry-after (seconds or a date) or x-amz-retry-after (ms), as parseRetryAfterHeader reads them, in ms from now. */
function retryAfterMs(answer: Answer | undefined, nowMs: number): number | undefined {
  if (!answer) return undefined;
  const retryAfter = answer.headers["retry-after"];
  if (retryAfter !== undefined) {
    if (/^\d+(\.\d+)?$/.test(retryAfter)) return Number(retryAfter) * 1000;
    const date = Date.parse(retryAfter);
    return Number.isNaN(date) ? undefined : date - nowMs;
  }
  const amz = answer.headers["x-amz-retry-after"];
  if (amz !== undefined && !Number.isNaN(Number(amz))) return Number(amz);
  return undefined;
}

function buildAbortError(signal: AbortSignal): Error {
  // @smithy/node-http-handler build-abort-error.ts
  const reason: unknown = signal.reason;
  if (reason instanceof Error) return Object.assign(new Error("Request aborted"), { name: "AbortError", cause: reason });
  return Object.assign(new Error(reason ? String(reason) : "Request aborted"), { name: "AbortError" });
}

type Deps = { ctx: RunContext; process: unknown };

/** A v3 client class for one service. */
export function clientClass(deps: Deps, spec: ServiceSpec, name: string, exceptions: Exceptions) {
  const { ctx } = deps;
  const Client = class {
    readonly config: ClientConfig & { serviceId: string };
    readonly middlewareStack = middlewareStack();
    private readonly capacity = { tokens: INITIAL_RETRY_TOKENS };
    constructor(config: ClientConfig = {}) {
      this.config = { ...config, serviceId: spec.id };
    }
    send(command: CommandLike, optionsOrCallback?: SendOptions | ((error: unknown, data?: unknown) => void), callback?: (error: unknown, data?: unknown) => void) {
      const site = captureSite();
      const options = typeof optionsOrCallback === "object" && optionsOrCallback !== null ? optionsOrCallback : {};
      const cb = typeof optionsOrCallback === "function" ? optionsOrCallback : callback;
      const promise = this.run(command, options, site);
      if (!cb) return promise;
      promise.then(
        (data) => cb(null, data),
        (error: unknown) => cb(error),
      );
      return undefined;
    }
    destroy() {}

    async [RESOLVE](command: CommandLike): Promise<{ method: string; url: string; region: string; service: ServiceId }> {
      const operation = command?.[OPERATION];
      if (!operation) throw new TypeError("getSignedUrl(client, command) takes a command of the client's package");
      const region = await this.region(envOf(deps.process));
      if (!region) throw new Error("Region is missing");
      const resolved: ResolvedClient = { region, forcePathStyle: this.config.forcePathStyle === true };
      const endpoint = endpointOf(this.config.endpoint);
      if (endpoint) resolved.endpoint = endpoint;
      return { ...operation.request(command.input ?? {}, resolved), region, service: spec.id };
    }

    private async run(command: CommandLike, options: SendOptions, site: Error): Promise<Record<string, unknown>> {
      const fail = (error: unknown) => {
        markErrorSite(ctx, error, site);
        return error;
      };
      const operation = command?.[OPERATION];
      if (!operation) throw fail(new TypeError(`${name}.send() takes a command from this client's package, e.g. new GetItemCommand({...}) for a DynamoDBClient`));
      const env = envOf(deps.process);
      const region = await this.region(env);
      if (!region) throw fail(new Error("Region is missing"));
      const resolved: ResolvedClient = { region, forcePathStyle: this.config.forcePathStyle === true };
      const endpoint = endpointOf(this.config.endpoint);
      if (endpoint) resolved.endpoint = endpoint;
      const input = command.input ?? {};
      let request: { method: string; url: string };
      try {
        request = operation.request(input, resolved);
      } catch (error) {
        throw fail(error);
      }
      const { method, url } = request;
      const maxAttempts = this.maxAttempts(env);
      const custom = this.config.retryStrategy as RetryStrategyLike | undefined;
      const handler = this.handlerOptions();
      const timers = this.timers(handler, options, env);
      const signal = options.abortSignal ?? null;
      const streaming = isStreamingBody(input.Body);
      let attempts = 0;
      let totalRetryDelay = 0;
      for (;;) {
        let lastAnswer: Answer | undefined;
        try {
          const model = ctx.responder.match(method, url, ctx.loop.now() / 1000) ?? operation.model?.(input, url, ctx) ?? undefined;
          const extra = operation.detail?.(input);
          const answer = await exchange({
            ctx,
            method,
            url,
            site,
            detail: `${spec.id} ${operation.name}${extra ? `, ${extra}` : ""}, attempt ${attempts + 1} of ${maxAttempts}`,
            timers,
            signal,
            abortError: buildAbortError,
            refusedError: () => connectionRefused(url),
            ...(model ? { answer: model } : {}),
          });
          lastAnswer = answer;
          if (answer.status >= 300) throw this.serviceError(answer, attempts + 1);
          const output = operation.output(answer, input, ctx);
          this.capacity.tokens = Math.min(INITIAL_RETRY_TOKENS, this.capacity.tokens + (attempts > 0 ? this.lastCost : NO_RETRY_INCREMENT));
          return { ...output, $metadata: { httpStatusCode: answer.status, ...this.ids(answer), attempts: attempts + 1, totalRetryDelay } };
        } catch (caught) {
          const error = caught as SdkError;
          const type = retryErrorType(error);
          const stop = () => {
            error.$metadata = { ...(error.$metadata ?? {}), attempts: attempts + 1, totalRetryDelay };
            markErrorSite(ctx, error, site);
            return error;
          };
          if (streaming) {
            logLine(ctx, "An error was encountered in a non-retryable streaming request.");
            throw stop();
          }
          if (signal?.aborted) throw stop();
          const retryable = type === "THROTTLING" || type === "TRANSIENT";
          const cost = type === "THROTTLING" ? THROTTLING_RETRY_COST : RETRY_COST;
          if (!retryable || attempts + 1 >= maxAttempts || this.capacity.tokens < cost) throw stop();
          let delay: number;
          if (custom?.__delay) delay = custom.__delay(attempts + 1);
          else {
            const base = type === "THROTTLING" ? THROTTLING_RETRY_DELAY_BASE_MS : (spec.baseDelayMs ?? RETRY_DELAY_BASE_MS);
            delay = Math.floor(Math.random() * Math.min(base * 2 ** attempts, MAXIMUM_RETRY_DELAY_MS));
            const hint = retryAfterMs(lastAnswer ?? error.$response, ctx.epoch + ctx.loop.now());
            if (hint !== undefined) delay = Math.max(delay, Math.min(hint, delay + RETRY_AFTER_CAP_MS));
          }
          this.capacity.tokens -= cost;
          this.lastCost = cost;
          await backoff(ctx, delay, site, `${spec.id} ${operation.name} retry backoff (${type === "THROTTLING" ? "throttling" : "transient"} error, before attempt ${attempts + 2} of ${maxAttempts})`, signal, buildAbortError);
          totalRetryDelay += delay;
          attempts++;
        }
      }
    }

    private lastCost = NO_RETRY_INCREMENT;

    private async region(env: Record<string, string | undefined>): Promise<string | undefined> {
      let region = this.config.region;
      if (typeof region === "function") region = await (region as () => unknown)();
      if (typeof region === "string" && region) return region;
      return env.AWS_REGION || undefined;
    }

    private maxAttempts(env: Record<string, string | undefined>): number {
      const custom = this.config.retryStrategy as RetryStrategyLike | undefined;
      if (custom?.__maxAttempts !== undefined) return custom.__maxAttempts;
      const configured = Number(this.config.maxAttempts ?? env.AWS_MAX_ATTEMPTS);
      if (Number.isFinite(configured) && configured >= 1) return Math.floor(configured);
      return spec.maxAttempts ?? DEFAULT_MAX_ATTEMPTS;
    }

    private handlerOptions(): HandlerOptions & { instance: boolean } {
      const given = this.config.requestHandler;
      if (given && typeof given === "object" && HANDLER in given) return { ...(given as { [HANDLER]: HandlerOptions })[HANDLER], instance: true };
      if (given && typeof given === "object") return { ...(given as HandlerOptions), instance: false };
      // no requestHandler: the defaults mode's connectionTimeout (legacy, the default mode, has none)
      const mode = this.defaultsMode();
      const connectionTimeout = DEFAULTS_MODE_CONNECTION_TIMEOUT[mode];
      return connectionTimeout ? { connectionTimeout, instance: false } : { instance: false };
    }

    private defaultsMode(): string {
      const env = envOf(deps.process);
      const mode = String(this.config.defaultsMode ?? env.AWS_DEFAULTS_MODE ?? "legacy").toLowerCase();
      if (mode !== "auto") return mode;
      // auto: in-region when running in AWS in the client's region (the simulator has no IMDS)
      return env.AWS_EXECUTION_ENV && env.AWS_REGION ? (String(this.config.region ?? env.AWS_REGION) === env.AWS_REGION ? "in-region" : "cross-region") : "standard";
    }

    private timers(handler: HandlerOptions & { instance: boolean }, options: SendOptions, env: Record<string, string | undefined>): AttemptTimer[] {
      const timers: AttemptTimer[] = [];
      const requestTimeout = options.requestTimeout ?? handler.requestTimeout;
      const serviceSocket = env[DEFAULT_SOCKET_TIMEOUT_ENV] === "true" && !handler.instance ? spec.defaultSocketTimeoutMs : undefined;
      const timeoutError = (message: string, extra: Record<string, unknown> = {}) => () => Object.assign(new Error(message), { name: "TimeoutError", ...extra });
      if (spec.http2) {
        if (requestTimeout) timers.push({ ms: requestTimeout, phase: "any", note: `stream timeout ${requestTimeout} ms`, fire: timeoutError(http2StreamTimeoutMessage(requestTimeout)) });
        else if (serviceSocket && handler.sessionTimeout === undefined) {
          timers.push({ ms: serviceSocket, phase: "any", note: `stream timeout ${serviceSocket} ms`, fire: timeoutError(http2StreamTimeoutMessage(serviceSocket)) });
        }
        const session = handler.sessionTimeout ?? HTTP2_SESSION_TIMEOUT_MS;
        timers.push({ ms: session, phase: "any", note: `HTTP/2 session idle ${session} ms`, fire: timeoutError(HTTP2_NO_RESPONSE) });
        return timers;
      }
      if (handler.connectionTimeout) {
        const ms = handler.connectionTimeout;
        timers.push({ ms, phase: "connect", note: `connectionTimeout ${ms} ms`, fire: timeoutError(connectionTimeoutMessage(ms)) });
      }
      if (requestTimeout) {
        const throws = handler.throwOnRequestTimeout === true;
        timers.push({
          ms: requestTimeout,
          phase: "any",
          note: `requestTimeout ${requestTimeout} ms`,
          fire: () => {
            const message = requestTimeoutMessage(requestTimeout, throws);
            if (throws) return Object.assign(new Error(message), { name: "TimeoutError", code: "ETIMEDOUT" });
            // Since @smithy/node-http-handler 4.4.0 a requestTimeout only warns unless
            // throwOnRequestTimeout is set: the request goes on waiting.
            const warn = this.config.logger?.warn;
            if (typeof warn === "function") warn.call(this.config.logger, message + REQUEST_TIMEOUT_HINT);
            else logLine(ctx, message + REQUEST_TIMEOUT_HINT);
            return undefined;
          },
        });
      }
      const socket = handler.socketTimeout ?? serviceSocket;
      if (socket) {
        const isDefault = handler.socketTimeout === undefined;
        timers.push({ ms: socket, phase: "response", note: `socketTimeout ${socket} ms`, fire: timeoutError(socketTimeoutMessage(socket, isDefault)) });
      }
      return timers;
    }

    private ids(answer: Answer) {
      const ids = requestIds(answer);
      // a simulated answer carries no request id; the SDK always reports one
      if (!ids.requestId && answer.source !== "rule") ids.requestId = ctx.host.randomUUID();
      return ids;
    }

    private serviceError(answer: Answer, attempt: number): SdkError {
      const { code, message, fields } = readAwsError(answer);
      const errorName = code ?? (spec.restXml && answer.status === 404 ? "NotFound" : "Unknown");
      const Named = exceptions.named[errorName];
      const $metadata = { httpStatusCode: answer.status, ...this.ids(answer), attempts: attempt, totalRetryDelay: 0 };
      const $fault = answer.status < 500 ? "client" : "server";
      const error: SdkError = Named
        ? new Named({ message: message ?? "UnknownError", $metadata })
        : new exceptions.ServiceException({ name: errorName, message: message ?? "UnknownError", $fault, $metadata });
      (error as unknown as { $fault: string }).$fault = $fault;
      // decorateServiceException: the body's fields, where the exception has none of its own
      for (const [key, value] of Object.entries(fields)) {
        if (!(key in error) && key !== "__type" && key !== "message") (error as unknown as Record<string, unknown>)[key] = value;
      }
      Object.defineProperty(error, "$response", { value: answer, enumerable: false });
      return error;
    }
  };
  Object.defineProperty(Client, "name", { value: name });
  return Client;
}

function endpointOf(value: unknown): string | undefined {
  if (!value) return undefined;
  if (typeof value === "string") return value;
  if (value instanceof URL) return value.href;
  const url = (value as { url?: unknown }).url;
  if (url) return endpointOf(url);
  const { protocol, hostname, port, path } = value as { protocol?: string; hostname?: string; port?: number; path?: string };
  if (hostname) return `${protocol ?? "https:"}//${hostname}${port ? `:${port}` : ""}${path ?? ""}`;
  return undefined;
}

/** An aggregated client (`new S3().getObject(input)`) over the bare client and its operations. */
export function aggregatedClass(Client: ReturnType<typeof clientClass>, commands: Record<string, new (input?: Record<string, unknown>) => CommandLike>, name: string) {
  const Aggregated = class extends Client {};
  for (const [commandName, Command] of Object.entries(commands)) {
    const method = commandName.replace(/Command$/, "");
    Object.defineProperty(Aggregated.prototype, method.charAt(0).toLowerCase() + method.slice(1), {
      value(this: InstanceType<typeof Client>, input: Record<string, unknown>, optionsOrCallback?: unknown, callback?: unknown) {
        return this.send(new Command(input), optionsOrCallback as SendOptions, callback as (error: unknown, data?: unknown) => void);
      },
    });
  }
  Object.defineProperty(Aggregated, "name", { value: name });
  return Aggregated;
}

/** The base URL of a service for a client's region and endpoint. */
export function serviceUrl(service: ServiceId, client: ResolvedClient, path = "/"): string {
  return `${baseUrl(service, client.region, client.endpoint)}${path}`;
}
