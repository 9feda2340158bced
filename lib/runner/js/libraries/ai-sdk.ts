// The Vercel AI SDK (`ai` 4.3.19, with `@ai-sdk/openai` 1.3.24 and `@ai-sdk/anthropic` 1.2.12;
// vercel/ai at those tags) on the simulated network: generateText, streamText (textStream,
// fullStream, text, toDataStreamResponse, toTextStreamResponse), generateObject, and the
// providers' model factories `openai("gpt-4o")`, `anthropic("claude-...")`, createOpenAI,
// createAnthropic. Each call POSTs to the provider's API (api.openai.com/v1/chat/completions,
// api.anthropic.com/v1/messages) as Node's fetch would, so latency and response rules on those
// hosts apply. The SDK's own defaults (SOURCES.md): maxRetries 2 with 2 s then 4 s between
// attempts, retried only for APICallErrors marked retryable (connection failures, 408, 409, 429,
// 5xx), no timeout of its own (abortSignal is the way), and streamText starting its request at
// once. Tool calling is not simulated.

import { captureSite, markErrorSite, type RunContext } from "../run-context";
import { connectTimeoutError, UNDICI_CONNECT_TIMEOUT_MS } from "../network";
import { backoff, connectionRefused, exchange, isRecord, parseJson } from "./transport";

type Deps = { ctx: RunContext; process: unknown };
type Body = Record<string, unknown>;

/** retry-with-exponential-backoff.ts: maxRetries = 2, initialDelayInMs = 2000, backoffFactor = 2 */
const MAX_RETRIES = 2;
const INITIAL_DELAY_MS = 2000;
const BACKOFF_FACTOR = 2;
/** anthropic-messages-language-model.ts: max_tokens defaults to 4096 */
const ANTHROPIC_MAX_TOKENS = 4096;
const SIMULATED_TEXT = "This is a simulated reply: add a response rule for this host to choose what the model answers.";

type Flavour = "openai" | "anthropic";

type SimulatedModel = {
  specificationVersion: "v1";
  provider: string;
  modelId: string;
  flavour: Flavour;
  baseURL: string;
  headers: Record<string, string>;
};

const MODEL = Symbol.for("deadline.ai-sdk.model");

/** @ai-sdk/provider's AISDKError family: each sets `name` (AI_APICallError, AI_RetryError, ...). */
class AISDKError extends Error {
  readonly cause: unknown;
  constructor(name: string, message: string, cause?: unknown) {
    super(message);
    this.name = name;
    this.cause = cause;
  }
}

class APICallError extends AISDKError {
  readonly url: string;
  readonly requestBodyValues: unknown;
  readonly statusCode: number | undefined;
  readonly responseHeaders: Record<string, string> | undefined;
  readonly responseBody: string | undefined;
  readonly isRetryable: boolean;
  readonly data: unknown;
  constructor(o: { message: string; url: string; requestBodyValues: unknown; statusCode?: number; responseHeaders?: Record<string, string>; responseBody?: string; cause?: unknown; isRetryable?: boolean; data?: unknown }) {
    super("AI_APICallError", o.message, o.cause);
    this.url = o.url;
    this.requestBodyValues = o.requestBodyValues;
    this.statusCode = o.statusCode;
    this.responseHeaders = o.responseHeaders;
    this.responseBody = o.responseBody;
    // api-call-error.ts: retryable for 408, 409, 429 and 5xx unless said otherwise
    this.isRetryable = o.isRetryable ?? (o.statusCode !== undefined && (o.statusCode === 408 || o.statusCode === 409 || o.statusCode === 429 || o.statusCode >= 500));
    this.data = o.data;
  }
  static isInstance(error: unknown): error is APICallError {
    return error instanceof APICallError;
  }
}

class RetryError extends AISDKError {
  readonly reason: string;
  readonly errors: unknown[];
  readonly lastError: unknown;
  constructor(message: string, reason: string, errors: unknown[]) {
    super("AI_RetryError", message);
    this.reason = reason;
    this.errors = errors;
    this.lastError = errors[errors.length - 1];
  }
  static isInstance(error: unknown): error is RetryError {
    return error instanceof RetryError;
  }
}

class NoObjectGeneratedError extends AISDKError {
  readonly text: string | undefined;
  constructor(message: string, text?: string, cause?: unknown) {
    super("AI_NoObjectGeneratedError", message, cause);
    this.text = text;
  }
  static isInstance(error: unknown): error is NoObjectGeneratedError {
    return error instanceof NoObjectGeneratedError;
  }
}

class InvalidArgumentError extends AISDKError {
  constructor(message: string) {
    super("AI_InvalidArgumentError", message);
  }
}

const isAbortError = (error: unknown) => error instanceof Error && (error.name === "AbortError" || error.name === "TimeoutError");
const errorMessage = (error: unknown) => (error instanceof Error ? error.message : typeof error === "string" ? error : JSON.stringify(error));

function modelOf(value: unknown): SimulatedModel {
  const model = isRecord(value) ? (value as Record<symbol, unknown>)[MODEL] : undefined;
  if (!model) {
    throw new InvalidArgumentError(
      "model: the simulator runs the AI SDK with its @ai-sdk/openai and @ai-sdk/anthropic providers; pass openai(\"...\") or anthropic(\"...\") (or model this provider's package with --model)",
    );
  }
  return model as SimulatedModel;
}

type CallOptions = {
  model: unknown;
  system?: string;
  prompt?: string;
  messages?: Array<{ role: string; content: unknown }>;
  maxTokens?: number;
  temperature?: number;
  maxRetries?: number;
  abortSignal?: AbortSignal;
  headers?: Record<string, string>;
  onFinish?: (event: unknown) => unknown;
  onError?: (event: { error: unknown }) => unknown;
  onChunk?: (event: { chunk: unknown }) => unknown;
  schema?: unknown;
  [key: string]: unknown;
};

function textOf(content: unknown): string {
  if (typeof content === "string") return content;
  if (Array.isArray(content)) return content.map((part) => (isRecord(part) && typeof part.text === "string" ? part.text : "")).join("");
  return "";
}

function requestBody(model: SimulatedModel, o: CallOptions, stream: boolean, json: boolean): Body {
  const messages = [...(o.messages ?? []), ...(o.prompt !== undefined ? [{ role: "user", content: o.prompt }] : [])];
  if (model.flavour === "openai") {
    return {
      model: model.modelId,
      ...(o.maxTokens !== undefined ? { max_tokens: o.maxTokens } : {}),
      ...(o.temperature !== undefined ? { temperature: o.temperature } : {}),
      ...(json ? { response_format: { type: "json_object" } } : {}),
      messages: [...(o.system ? [{ role: "system", content: o.system }] : []), ...messages.map((m) => ({ role: m.role, content: textOf(m.content) }))],
      ...(stream ? { stream: true, stream_options: { include_usage: true } } : {}),
    };
  }
  return {
    model: model.modelId,
    max_tokens: o.maxTokens ?? ANTHROPIC_MAX_TOKENS,
    ...(o.temperature !== undefined ? { temperature: o.temperature } : {}),
    ...(o.system ? { system: [{ type: "text", text: o.system }] } : {}),
    messages: messages.filter((m) => m.role !== "system").map((m) => ({ role: m.role, content: [{ type: "text", text: textOf(m.content) }] })),
    ...(stream ? { stream: true } : {}),
  };
}

type Usage = { promptTokens: number; completionTokens: number; totalTokens: number };
type Reply = { text: string; finishReason: string; usage: Usage; id: string; headers: Record<string, string>; simulated: boolean };

const usageOf = (prompt: unknown, completion: unknown): Usage => {
  const p = typeof prompt === "number" ? prompt : Number.NaN;
  const c = typeof completion === "number" ? completion : Number.NaN;
  return { promptTokens: p, completionTokens: c, totalTokens: p + c };
};

const estimate = (text: string) => Math.max(1, Math.ceil(text.length / 4));

function finishOf(flavour: Flavour, reason: unknown): string {
  if (flavour === "openai") return reason === "stop" ? "stop" : reason === "length" ? "length" : reason === "content_filter" ? "content-filter" : reason === "tool_calls" ? "tool-calls" : "unknown";
  return reason === "end_turn" || reason === "stop_sequence" ? "stop" : reason === "max_tokens" ? "length" : reason === "tool_use" ? "tool-calls" : "unknown";
}

/** The model's reply from a whole (non-streamed) body. */
function parseWhole(model: SimulatedModel, json: unknown, body: Body): Reply {
  if (model.flavour === "openai") {
    const choice = isRecord(json) && Array.isArray(json.choices) && isRecord(json.choices[0]) ? json.choices[0] : {};
    const message = isRecord(choice.message) ? choice.message : {};
    const usage = isRecord(json) && isRecord(json.usage) ? json.usage : {};
    return { text: textOf(message.content), finishReason: finishOf("openai", choice.finish_reason), usage: usageOf(usage.prompt_tokens, usage.completion_tokens), id: String((isRecord(json) && json.id) || ""), headers: {}, simulated: false };
  }
  const content = isRecord(json) && Array.isArray(json.content) ? json.content : [];
  const usage = isRecord(json) && isRecord(json.usage) ? json.usage : {};
  void body;
  return { text: textOf(content), finishReason: finishOf("anthropic", isRecord(json) ? json.stop_reason : undefined), usage: usageOf(usage.input_tokens, usage.output_tokens), id: String((isRecord(json) && json.id) || ""), headers: {}, simulated: false };
}

/** The text deltas and the end of a streamed body: SSE `data:` events, or a JSON array of events. */
function parseStream(model: SimulatedModel, text: string): { deltas: string[]; finishReason: string; usage: Usage; id: string } {
  const events: unknown[] = [];
  const json = parseJson(text);
  if (Array.isArray(json)) events.push(...json);
  else if (isRecord(json)) return { ...parseWhole(model, json, {}), deltas: [parseWhole(model, json, {}).text] };
  else {
    for (const block of text.split(/\r?\n\r?\n/)) {
      const data = block
        .split(/\r?\n/)
        .filter((line) => line.startsWith("data:"))
        .map((line) => line.slice(5).trimStart())
        .join("\n");
      if (!data || data === "[DONE]") continue;
      const event = parseJson(data);
      if (event !== undefined) events.push(event);
    }
  }
  const deltas: string[] = [];
  let finishReason = "unknown";
  let usage = usageOf(undefined, undefined);
  let id = "";
  for (const event of events) {
    if (!isRecord(event)) continue;
    if (model.flavour === "openai") {
      if (typeof event.id === "string") id = event.id;
      const choice = Array.isArray(event.choices) && isRecord(event.choices[0]) ? event.choices[0] : null;
      if (choice && isRecord(choice.delta) && typeof choice.delta.content === "string" && choice.delta.content) deltas.push(choice.delta.content);
      if (choice?.finish_reason) finishReason = finishOf("openai", choice.finish_reason);
      if (isRecord(event.usage)) usage = usageOf(event.usage.prompt_tokens, event.usage.completion_tokens);
    } else {
      if (event.type === "message_start" && isRecord(event.message)) {
        id = String(event.message.id ?? "");
        if (isRecord(event.message.usage)) usage = usageOf(event.message.usage.input_tokens, usage.completionTokens);
      }
      if (event.type === "content_block_delta" && isRecord(event.delta) && typeof event.delta.text === "string") deltas.push(event.delta.text);
      if (event.type === "message_delta") {
        if (isRecord(event.delta) && event.delta.stop_reason) finishReason = finishOf("anthropic", event.delta.stop_reason);
        if (isRecord(event.usage)) usage = usageOf(usage.promptTokens, event.usage.output_tokens);
      }
    }
  }
  return { deltas, finishReason, usage, id };
}

export function aiSdk(deps: Deps) {
  const { ctx } = deps;

  /** One call with the SDK's retries: the raw answer text, or the SDK's error. */
  const call = async (model: SimulatedModel, body: Body, o: CallOptions, site: Error, what: string): Promise<{ text: string; headers: Record<string, string>; simulated: boolean }> => {
    const maxRetries = o.maxRetries ?? MAX_RETRIES;
    if (!Number.isInteger(maxRetries)) throw new InvalidArgumentError("maxRetries must be an integer");
    if (maxRetries < 0) throw new InvalidArgumentError("maxRetries must be >= 0");
    const path = model.flavour === "openai" ? "/chat/completions" : "/messages";
    const url = `${model.baseURL}${path}`;
    const errors: unknown[] = [];
    let delay = INITIAL_DELAY_MS;
    for (;;) {
      const attempt = errors.length + 1;
      let failure: unknown;
      try {
        const answer = await exchange({
          ctx,
          method: "POST",
          url,
          site,
          detail: `${what}, attempt ${attempt} of ${maxRetries + 1}`,
          // Node's fetch (undici): a host that never accepts fails after the 10 s connect timeout
          timers: [{ ms: UNDICI_CONNECT_TIMEOUT_MS, phase: "connect", note: `undici connect timeout ${UNDICI_CONNECT_TIMEOUT_MS} ms`, fire: () => new TypeError("fetch failed", { cause: connectTimeoutError(url, UNDICI_CONNECT_TIMEOUT_MS) }) }],
          signal: o.abortSignal ?? null,
          abortError: (signal) => signal.reason,
          refusedError: () => new TypeError("fetch failed", { cause: connectionRefused(url) }),
        });
        if (answer.status >= 200 && answer.status < 300) return { text: answer.body, headers: answer.headers, simulated: answer.source === "default" };
        const json = parseJson(answer.body);
        const nested = isRecord(json) && isRecord(json.error) && typeof json.error.message === "string" ? json.error.message : undefined;
        // createJsonErrorResponseHandler: the provider's error message, else the status text
        failure = new APICallError({ message: nested ?? statusText(answer.status), url, requestBodyValues: body, statusCode: answer.status, responseHeaders: answer.headers, responseBody: answer.body, data: json });
      } catch (error) {
        if (isAbortError(error)) throw error;
        // postToApi: a failed fetch becomes a retryable APICallError naming the cause
        const cause = error instanceof TypeError && error.message === "fetch failed" ? (error as { cause?: unknown }).cause : undefined;
        failure = cause ? new APICallError({ message: `Cannot connect to API: ${errorMessage(cause)}`, url, requestBodyValues: body, cause, isRetryable: true }) : error;
      }
      // retryWithExponentialBackoff
      if (maxRetries === 0) throw mark(failure, site);
      errors.push(failure);
      if (errors.length > maxRetries) throw mark(new RetryError(`Failed after ${errors.length} attempts. Last error: ${errorMessage(failure)}`, "maxRetriesExceeded", errors), site);
      if (failure instanceof APICallError && failure.isRetryable) {
        await backoff(ctx, delay, site, `AI SDK retry backoff`);
        delay *= BACKOFF_FACTOR;
        continue;
      }
      if (errors.length === 1) throw mark(failure, site);
      throw mark(new RetryError(`Failed after ${errors.length} attempts with non-retryable error: '${errorMessage(failure)}'`, "errorNotRetryable", errors), site);
    }
  };

  const mark = (error: unknown, site: Error) => {
    markErrorSite(ctx, error, site);
    return error;
  };

  const simulatedReply = (body: Body): Reply => {
    const prompt = estimate(JSON.stringify(body.messages ?? ""));
    const completion = estimate(SIMULATED_TEXT);
    return { text: SIMULATED_TEXT, finishReason: "stop", usage: { promptTokens: prompt, completionTokens: completion, totalTokens: prompt + completion }, id: `simulated-${ctx.host.randomUUID()}`, headers: {}, simulated: true };
  };

  const responseOf = (model: SimulatedModel, reply: Reply) => ({ id: reply.id, modelId: model.modelId, timestamp: new Date(ctx.epoch + ctx.loop.now()), headers: reply.headers });

  const generateText = async (o: CallOptions) => {
    const site = captureSite();
    const model = modelOf(o.model);
    const body = requestBody(model, o, false, false);
    const raw = await call(model, body, o, site, "AI SDK generateText");
    const reply = raw.simulated ? simulatedReply(body) : parseWhole(model, parseJson(raw.text), body);
    reply.headers = raw.headers;
    const step = { stepType: "initial", text: reply.text, finishReason: reply.finishReason, usage: reply.usage, toolCalls: [], toolResults: [], warnings: [], response: responseOf(model, reply), isContinued: false };
    const result = { ...step, reasoning: undefined, reasoningDetails: [], sources: [], files: [], steps: [step], providerMetadata: undefined, request: { body: JSON.stringify(body) } };
    await o.onFinish?.(result);
    return result;
  };

  const generateObject = async (o: CallOptions) => {
    const site = captureSite();
    const model = modelOf(o.model);
    const body = requestBody(model, o, false, true);
    const raw = await call(model, body, o, site, "AI SDK generateObject");
    const reply = raw.simulated ? { ...simulatedReply(body), text: "{}" } : parseWhole(model, parseJson(raw.text), body);
    const parsed = parseJson(reply.text);
    if (parsed === undefined) throw mark(new NoObjectGeneratedError("No object generated: could not parse the response.", reply.text), site);
    const schema = o.schema as { safeParse?: (value: unknown) => { success: boolean; data?: unknown; error?: unknown } } | undefined;
    let object: unknown = parsed;
    if (schema && typeof schema.safeParse === "function") {
      const checked = schema.safeParse(parsed);
      if (!checked.success) throw mark(new NoObjectGeneratedError("No object generated: response did not match schema.", reply.text, checked.error), site);
      object = checked.data;
    }
    const result = { object, finishReason: reply.finishReason, usage: reply.usage, warnings: [], response: responseOf(model, reply), request: { body: JSON.stringify(body) }, providerMetadata: undefined };
    await o.onFinish?.(result);
    return result;
  };

  const streamText = (o: CallOptions) => {
    const site = captureSite();
    const model = modelOf(o.model);
    const body = requestBody(model, o, true, false);
    type Part = { type: string; [key: string]: unknown };
    // streamText starts its request at once, whether or not anything reads the stream
    const parts: Promise<Part[]> = call(model, body, o, site, "AI SDK streamText").then(
      (raw) => {
        const parsed = raw.simulated ? { deltas: [SIMULATED_TEXT], ...simulatedReply(body) } : parseStream(model, raw.text);
        const messageId = `msg-${ctx.host.randomUUID().replace(/-/g, "").slice(0, 24)}`;
        const out: Part[] = [{ type: "step-start", messageId, request: { body: JSON.stringify(body) }, warnings: [] }];
        for (const delta of parsed.deltas) out.push({ type: "text-delta", textDelta: delta });
        const response = { id: parsed.id, modelId: model.modelId, timestamp: new Date(ctx.epoch + ctx.loop.now()), headers: raw.headers };
        out.push({ type: "step-finish", messageId, finishReason: parsed.finishReason, usage: parsed.usage, response, isContinued: false });
        out.push({ type: "finish", finishReason: parsed.finishReason, usage: parsed.usage, response });
        return out;
      },
      // errors become an error part of the stream; the SDK leaves reporting them to onError
      (error: unknown) => [{ type: "error", error }],
    );
    let fired = false;
    const notify = (list: Part[]) => {
      if (fired) return;
      fired = true;
      for (const part of list) {
        if (part.type === "text-delta") void o.onChunk?.({ chunk: part });
        if (part.type === "error") void o.onError?.({ error: part.error });
      }
      const finish = list.find((p) => p.type === "finish");
      if (finish) void o.onFinish?.({ text: list.filter((p) => p.type === "text-delta").map((p) => p.textDelta).join(""), finishReason: finish.finishReason, usage: finish.usage, response: finish.response });
    };
    void parts.then(notify);
    const lazy = <T>(make: (list: Part[]) => T) => {
      let promise: Promise<T> | null = null;
      return () => (promise ??= parts.then(make));
    };
    const finishPart = (list: Part[]) => {
      const error = list.find((p) => p.type === "error");
      if (error) throw error.error;
      return list.find((p) => p.type === "finish") as Part;
    };
    const streamOf = <T>(map: (part: Part) => T[] | undefined): ReadableStream<T> & AsyncIterable<T> => {
      const stream = new ReadableStream<T>({
        async start(controller) {
          for (const part of await parts) for (const item of map(part) ?? []) controller.enqueue(item);
          controller.close();
        },
      }) as ReadableStream<T> & AsyncIterable<T>;
      // Node's ReadableStream is async iterable; not every browser's is yet
      if (!(Symbol.asyncIterator in (stream as object))) {
        Object.defineProperty(stream, Symbol.asyncIterator, {
          value: async function* () {
            const reader = (stream as ReadableStream<T>).getReader();
            for (;;) {
              const { done, value } = await reader.read();
              if (done) return;
              yield value;
            }
          },
        });
      }
      return stream;
    };
    const text = lazy((list) => {
      finishPart(list);
      return list.filter((p) => p.type === "text-delta").map((p) => p.textDelta as string).join("");
    });
    const finish = lazy(finishPart);
    const dataStream = (getErrorMessage: (error: unknown) => string = () => "An error occurred.") =>
      streamOf<string>((part) => {
        // formatDataStreamPart codes (ui-utils data-stream-parts.ts): f step start, 0 text, e step finish, d finish, 3 error
        if (part.type === "step-start") return [`f:${JSON.stringify({ messageId: part.messageId })}\n`];
        if (part.type === "text-delta") return [`0:${JSON.stringify(part.textDelta)}\n`];
        if (part.type === "step-finish") return [`e:${JSON.stringify({ finishReason: part.finishReason, usage: usageParts(part.usage), isContinued: false })}\n`];
        if (part.type === "finish") return [`d:${JSON.stringify({ finishReason: part.finishReason, usage: usageParts(part.usage) })}\n`];
        if (part.type === "error") return [`3:${JSON.stringify(getErrorMessage(part.error))}\n`];
        return undefined;
      });
    const encode = (stream: ReadableStream<string>) => stream.pipeThrough(new TextEncoderStream());
    const headersWith = (init: ResponseInit | undefined, dataStream: boolean) => {
      const headers = new Headers(init?.headers ?? {});
      if (!headers.has("Content-Type")) headers.set("Content-Type", "text/plain; charset=utf-8");
      if (dataStream) headers.set("X-Vercel-AI-Data-Stream", "v1");
      return headers;
    };
    return {
      get textStream() {
        return streamOf<string>((part) => (part.type === "text-delta" ? [part.textDelta as string] : undefined));
      },
      get fullStream() {
        return streamOf<Part>((part) => [part]);
      },
      get text() {
        return text();
      },
      get finishReason() {
        return finish().then((p) => p.finishReason);
      },
      get usage() {
        return finish().then((p) => p.usage);
      },
      get response() {
        return finish().then((p) => p.response);
      },
      get steps() {
        return finish().then((p) => [p]);
      },
      consumeStream: async () => {
        await parts;
      },
      toDataStream: (options: { getErrorMessage?: (error: unknown) => string } = {}) => encode(dataStream(options.getErrorMessage)),
      toDataStreamResponse: (options: ResponseInit & { getErrorMessage?: (error: unknown) => string } = {}) =>
        new Response(encode(dataStream(options.getErrorMessage)), { status: options.status ?? 200, statusText: options.statusText, headers: headersWith(options, true) }),
      toTextStreamResponse: (init?: ResponseInit) =>
        new Response(encode(streamOf<string>((part) => (part.type === "text-delta" ? [part.textDelta as string] : undefined))), { status: init?.status ?? 200, headers: headersWith(init, false) }),
    };
  };

  const usageParts = (usage: unknown) => (isRecord(usage) ? { promptTokens: usage.promptTokens, completionTokens: usage.completionTokens } : undefined);

  const ai = {
    generateText,
    streamText,
    generateObject,
    APICallError,
    RetryError,
    NoObjectGeneratedError,
    InvalidArgumentError,
    AISDKError,
    jsonSchema: (schema: unknown) => ({ jsonSchema: schema }),
  };

  const provider = (flavour: Flavour) => (settings: { baseURL?: string; apiKey?: string; headers?: Record<string, string> } = {}) => {
    // openai-provider.ts / anthropic-provider.ts (1.x): baseURL option, else the public API (no environment variable)
    const baseURL = (settings.baseURL ?? (flavour === "openai" ? "https://api.openai.com/v1" : "https://api.anthropic.com/v1")).replace(/\/+$/, "");
    const make = (modelId: string) => ({
      specificationVersion: "v1",
      provider: flavour === "openai" ? "openai.chat" : "anthropic.messages",
      modelId,
      [MODEL]: { specificationVersion: "v1", provider: flavour, modelId, flavour, baseURL, headers: settings.headers ?? {} } satisfies SimulatedModel,
    });
    return Object.assign((modelId: string) => make(modelId), { chat: make, languageModel: make, messages: make });
  };

  return {
    ai: { __esModule: true, default: ai, ...ai },
    openai: (() => {
      const createOpenAI = provider("openai");
      return { __esModule: true, createOpenAI, openai: createOpenAI() };
    })(),
    anthropic: (() => {
      const createAnthropic = provider("anthropic");
      return { __esModule: true, createAnthropic, anthropic: createAnthropic() };
    })(),
  };
}

function statusText(status: number): string {
  const texts: Record<number, string> = { 400: "Bad Request", 401: "Unauthorized", 403: "Forbidden", 404: "Not Found", 408: "Request Timeout", 409: "Conflict", 422: "Unprocessable Entity", 429: "Too Many Requests", 500: "Internal Server Error", 502: "Bad Gateway", 503: "Service Unavailable", 504: "Gateway Timeout", 529: "" };
  return texts[status] ?? "";
}
