// The `openai` package (openai-node 7.5.0) on the simulated network: `new OpenAI({ apiKey,
// timeout, maxRetries, baseURL })` and `AzureOpenAI`, with chat.completions.create (also
// `stream: true`), responses.create, embeddings.create, images.generate, moderations.create and
// models.list/retrieve. A response rule's JSON body is the API's answer; without one the answer is
// a plausible object of the documented shape whose text says it is simulated, and the network
// span is marked as the default answer.
//
// No key is needed: the simulator has no secrets, and a handler that reads OPENAI_API_KEY from
// its environment would have one on the platform.

import type { RunContext } from "../run-context";
import { apiPromise, captureSite, makeErrors, makeStream, resolveCommon, send, streamEvents, withRequestId, type ClientCommon, type Core, type RequestOptions, type Sent } from "./stainless";
import { envOf, isRecord, parseJson } from "./transport";

const SIMULATED_TEXT = "This is a simulated reply: add a response rule for this host to choose what the model answers.";

/** The API version AzureOpenAI requires (azure.ts: apiVersion = readEnv('OPENAI_API_VERSION')). */
const AZURE_VERSION_MISSING =
  "The OPENAI_API_VERSION environment variable is missing or empty; either provide it, or instantiate the AzureOpenAI client with an apiVersion option, like new AzureOpenAI({ apiVersion: 'My API Version' }).";
const AZURE_ENDPOINT_MISSING = "Must provide one of the `baseURL` or `endpoint` arguments, or the `AZURE_OPENAI_ENDPOINT` environment variable";

type Body = Record<string, unknown>;

function estimateTokens(value: unknown): number {
  return Math.max(1, Math.ceil(JSON.stringify(value ?? "").length / 4));
}

function id(ctx: RunContext, prefix: string): string {
  return `${prefix}${ctx.host.randomUUID().replace(/-/g, "").slice(0, 24)}`;
}

function seconds(ctx: RunContext): number {
  return Math.floor((ctx.epoch + ctx.loop.now()) / 1000);
}

function chatCompletion(ctx: RunContext, body: Body): Body {
  const prompt = estimateTokens(body.messages);
  const completion = estimateTokens(SIMULATED_TEXT);
  return {
    id: id(ctx, "chatcmpl-"),
    object: "chat.completion",
    created: seconds(ctx),
    model: body.model ?? "gpt-4o-mini",
    choices: [{ index: 0, message: { role: "assistant", content: SIMULATED_TEXT, refusal: null }, logprobs: null, finish_reason: "stop" }],
    usage: { prompt_tokens: prompt, completion_tokens: completion, total_tokens: prompt + completion },
  };
}

/** A completion as the chunks `stream: true` yields: the text in one delta, then the finish. */
function chatChunks(completion: Body): unknown[] {
  const choices = Array.isArray(completion.choices) ? completion.choices : [];
  const base = { id: completion.id, object: "chat.completion.chunk", created: completion.created, model: completion.model };
  const chunks: unknown[] = [];
  for (const [index, choice] of choices.entries()) {
    const message = isRecord(choice) && isRecord(choice.message) ? choice.message : {};
    chunks.push({ ...base, choices: [{ index, delta: { role: "assistant", content: "" }, logprobs: null, finish_reason: null }] });
    chunks.push({ ...base, choices: [{ index, delta: { content: message.content ?? "" }, logprobs: null, finish_reason: null }] });
    chunks.push({ ...base, choices: [{ index, delta: {}, logprobs: null, finish_reason: (isRecord(choice) && choice.finish_reason) || "stop" }] });
  }
  return chunks;
}

function response(ctx: RunContext, body: Body): Body {
  const input = estimateTokens(body.input);
  const output = estimateTokens(SIMULATED_TEXT);
  return {
    id: id(ctx, "resp_"),
    object: "response",
    created_at: seconds(ctx),
    status: "completed",
    model: body.model ?? "gpt-4o-mini",
    output: [{ type: "message", id: id(ctx, "msg_"), status: "completed", role: "assistant", content: [{ type: "output_text", text: SIMULATED_TEXT, annotations: [] }] }],
    usage: { input_tokens: input, output_tokens: output, total_tokens: input + output },
  };
}

/** responses.create adds `output_text`, the concatenated output text (addOutputText). */
function addOutputText(value: unknown): unknown {
  if (!isRecord(value) || !Array.isArray(value.output)) return value;
  const texts: string[] = [];
  for (const item of value.output) {
    if (!isRecord(item) || item.type !== "message" || !Array.isArray(item.content)) continue;
    for (const part of item.content) if (isRecord(part) && part.type === "output_text" && typeof part.text === "string") texts.push(part.text);
  }
  value.output_text = texts.join("");
  return value;
}

function embeddings(body: Body): Body {
  const inputs = Array.isArray(body.input) ? body.input : [body.input];
  const model = String(body.model ?? "text-embedding-3-small");
  const dimensions = typeof body.dimensions === "number" ? body.dimensions : model.includes("3-large") ? 3072 : 1536;
  const unit = 1 / Math.sqrt(dimensions);
  return {
    object: "list",
    data: inputs.map((_, index) => ({ object: "embedding", index, embedding: new Array<number>(dimensions).fill(unit) })),
    model,
    usage: { prompt_tokens: estimateTokens(body.input), total_tokens: estimateTokens(body.input) },
  };
}

function images(ctx: RunContext, body: Body): Body {
  const count = typeof body.n === "number" ? body.n : 1;
  const b64 = body.response_format === "b64_json" || String(body.model ?? "").startsWith("gpt-image");
  // a 1×1 transparent PNG: the simulator draws nothing
  const png = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=";
  return { created: seconds(ctx), data: Array.from({ length: count }, () => (b64 ? { b64_json: png } : { url: "https://simulated.invalid/image.png", revised_prompt: body.prompt })) };
}

type Deps = { ctx: RunContext; process: unknown };

export function openaiModule(deps: Deps) {
  const { ctx } = deps;
  const errors = makeErrors("openai");

  class OpenAI {
    static DEFAULT_TIMEOUT = 600_000;
    readonly baseURL: string;
    readonly timeout: number;
    readonly maxRetries: number;
    readonly apiKey: string | null;
    readonly chat: { completions: { create: (body: Body, options?: RequestOptions) => unknown } };
    readonly responses: { create: (body: Body, options?: RequestOptions) => unknown };
    readonly embeddings: { create: (body: Body, options?: RequestOptions) => unknown };
    readonly images: { generate: (body: Body, options?: RequestOptions) => unknown };
    readonly moderations: { create: (body: Body, options?: RequestOptions) => unknown };
    readonly models: { list: (options?: RequestOptions) => unknown; retrieve: (model: string, options?: RequestOptions) => unknown };
    protected readonly core: Core;

    constructor(options: ClientCommon = {}) {
      const env = envOf(deps.process);
      const common = resolveCommon(ctx, deps.process, options, { baseURL: "https://api.openai.com/v1", baseURLEnv: "OPENAI_BASE_URL" });
      this.baseURL = common.baseURL;
      this.timeout = common.timeout;
      this.maxRetries = common.maxRetries;
      this.apiKey = (options.apiKey as string | undefined) ?? env.OPENAI_API_KEY ?? null;
      this.core = { ctx, flavour: "openai", errors, baseURL: this.baseURL, timeout: this.timeout, maxRetries: this.maxRetries, requestIdHeader: "x-request-id", ...(options.defaultQuery ? { defaultQuery: options.defaultQuery } : {}) };
      const post = (path: string, what: string, fallback: (body: Body) => unknown, after: (value: unknown) => unknown = (v) => v) => (body: Body = {}, options: RequestOptions = {}) => {
        const site = captureSite();
        const target = this.route(path, body);
        if (body.stream === true) return this.streaming(target, body, options, site, what, fallback);
        const sent = send(this.core, "POST", target, options, site, what);
        return apiPromise(this.core, sent, (s) => withRequestId(this.core, after(this.parse(s, () => fallback(body))), s));
      };
      this.chat = { completions: { create: post("/chat/completions", "OpenAI chat.completions.create", (body) => chatCompletion(ctx, body)) } };
      this.responses = { create: post("/responses", "OpenAI responses.create", (body) => response(ctx, body), addOutputText) };
      this.embeddings = { create: post("/embeddings", "OpenAI embeddings.create", (body) => embeddings(body)) };
      this.images = { generate: post("/images/generations", "OpenAI images.generate", (body) => images(ctx, body)) };
      this.moderations = {
        create: post("/moderations", "OpenAI moderations.create", (body) => ({ id: id(ctx, "modr-"), model: body.model ?? "omni-moderation-latest", results: [{ flagged: false, categories: {}, category_scores: {} }] })),
      };
      const get = (path: string, what: string, fallback: () => unknown) => (options: RequestOptions = {}) => {
        const site = captureSite();
        const sent = send(this.core, "GET", path, options, site, what);
        return apiPromise(this.core, sent, (s) => withRequestId(this.core, this.parse(s, fallback), s));
      };
      this.models = {
        list: get("/models", "OpenAI models.list", () => ({ object: "list", data: [{ id: "gpt-4o-mini", object: "model", created: 0, owned_by: "system" }] })),
        retrieve: (model: string, options?: RequestOptions) => get(`/models/${encodeURIComponent(model)}`, "OpenAI models.retrieve", () => ({ id: model, object: "model", created: 0, owned_by: "system" }))(options),
      };
    }

    /** AzureOpenAI puts the deployment into model-scoped paths. */
    protected route(path: string, _body: Body): string {
      return path;
    }

    private parse(sent: Sent, fallback: () => unknown): unknown {
      if (sent.answer.source === "default") return fallback();
      const json = parseJson(sent.answer.body);
      return json === undefined ? sent.answer.body : json;
    }

    private streaming(path: string, body: Body, options: RequestOptions, site: Error, what: string, fallback: (body: Body) => unknown) {
      const controller = new AbortController();
      const sent = send(this.core, "POST", path, options, site, `${what} (stream)`);
      return apiPromise(this.core, sent, (s) =>
        makeStream(
          this.core,
          streamEvents(s, () => {
            const whole = fallback(body) as Body;
            return whole.object === "chat.completion" ? chatChunks(whole) : [{ type: "response.completed", response: whole }];
          }),
          controller,
        ),
      );
    }

    withOptions(options: ClientCommon) {
      return new (this.constructor as typeof OpenAI)({ baseURL: this.baseURL, timeout: this.timeout, maxRetries: this.maxRetries, apiKey: this.apiKey, ...options });
    }
  }
  Object.assign(OpenAI, errors.named, { OpenAI, OpenAIError: errors.BaseError });

  class AzureOpenAI extends OpenAI {
    readonly deploymentName: string | undefined;
    readonly apiVersion: string;
    constructor(options: ClientCommon & { endpoint?: string; apiVersion?: string; deployment?: string } = {}) {
      const env = envOf(deps.process);
      const apiVersion = options.apiVersion ?? env.OPENAI_API_VERSION;
      if (!apiVersion) throw new errors.BaseError(AZURE_VERSION_MISSING);
      let baseURL = options.baseURL ?? env.OPENAI_BASE_URL;
      if (!baseURL) {
        const endpoint = options.endpoint ?? env.AZURE_OPENAI_ENDPOINT;
        if (!endpoint) throw new errors.BaseError(AZURE_ENDPOINT_MISSING);
        baseURL = `${endpoint.replace(/\/+$/, "")}/openai`;
      } else if (options.endpoint) {
        throw new errors.BaseError("baseURL and endpoint are mutually exclusive");
      }
      super({ ...options, baseURL, apiKey: options.apiKey ?? env.AZURE_OPENAI_API_KEY ?? null, defaultQuery: { ...options.defaultQuery, "api-version": apiVersion } });
      this.apiVersion = apiVersion;
      this.deploymentName = options.deployment;
    }
    protected override route(path: string, body: Body): string {
      const model = this.deploymentName ?? body.model;
      if (model !== undefined && !this.baseURL.includes("/deployments") && ["/chat/completions", "/embeddings", "/images/generations", "/completions"].includes(path)) {
        return `/deployments/${encodeURIComponent(String(model))}${path}`;
      }
      return path;
    }
  }

  const module = { __esModule: true, default: OpenAI, OpenAI, AzureOpenAI, ...errors.named, OpenAIError: errors.BaseError };
  return module;
}
