// `@anthropic-ai/sdk` (0.120.0) on the simulated network: `new Anthropic({ apiKey, timeout,
// maxRetries, baseURL })` and messages.create, plain or `stream: true`. Same Stainless core as
// openai (stainless.ts): 10 minute timeout, 2 retries. One difference from openai: without a
// timeout of its own, a non-streaming messages.create computes one from max_tokens and refuses
// requests expected to take longer than 10 minutes (calculateNonstreamingTimeout, src/client.ts).

import type { RunContext } from "../run-context";
import { apiPromise, captureSite, makeErrors, makeStream, resolveCommon, send, streamEvents, withRequestId, type ClientCommon, type Core, type RequestOptions } from "./stainless";
import { envOf, isRecord, parseJson } from "./transport";

const SIMULATED_TEXT = "This is a simulated reply: add a response rule for this host to choose what the model answers.";
const STREAMING_REQUIRED =
  "Streaming is required for operations that may take longer than 10 minutes. See https://github.com/anthropics/anthropic-sdk-typescript#long-requests for more details";
/** src/internal/constants.ts MODEL_NONSTREAMING_TOKENS */
const MODEL_NONSTREAMING_TOKENS: Record<string, number> = {
  "claude-opus-4@20250514": 8192,
  "anthropic.claude-opus-4-1-20250805-v1:0": 8192,
  "claude-opus-4-1@20250805": 8192,
};

type Body = Record<string, unknown>;

function message(ctx: RunContext, body: Body): Body {
  return {
    id: `msg_${ctx.host.randomUUID().replace(/-/g, "").slice(0, 24)}`,
    type: "message",
    role: "assistant",
    model: body.model ?? "claude-sonnet-4-5",
    content: [{ type: "text", text: SIMULATED_TEXT }],
    stop_reason: "end_turn",
    stop_sequence: null,
    usage: { input_tokens: Math.ceil(JSON.stringify(body.messages ?? "").length / 4), output_tokens: Math.ceil(SIMULATED_TEXT.length / 4) },
  };
}

/** A message as the events `stream: true` yields. */
function messageEvents(whole: Body): unknown[] {
  const content = Array.isArray(whole.content) ? whole.content : [];
  const events: unknown[] = [{ type: "message_start", message: { ...whole, content: [], stop_reason: null } }];
  content.forEach((block, index) => {
    const text = isRecord(block) && typeof block.text === "string" ? block.text : "";
    events.push({ type: "content_block_start", index, content_block: { type: "text", text: "" } });
    events.push({ type: "content_block_delta", index, delta: { type: "text_delta", text } });
    events.push({ type: "content_block_stop", index });
  });
  events.push({ type: "message_delta", delta: { stop_reason: whole.stop_reason ?? "end_turn", stop_sequence: null }, usage: { output_tokens: (whole.usage as Body | undefined)?.output_tokens ?? 0 } });
  events.push({ type: "message_stop" });
  return events;
}

export function anthropicModule(deps: { ctx: RunContext; process: unknown }) {
  const { ctx } = deps;
  const errors = makeErrors("anthropic");

  class Anthropic {
    static DEFAULT_TIMEOUT = 600_000;
    readonly baseURL: string;
    readonly timeout: number;
    readonly maxRetries: number;
    readonly apiKey: string | null;
    readonly messages: { create: (body: Body, options?: RequestOptions) => unknown };
    private readonly core: Core;
    constructor(private readonly options: ClientCommon = {}) {
      const common = resolveCommon(ctx, deps.process, options, { baseURL: "https://api.anthropic.com", baseURLEnv: "ANTHROPIC_BASE_URL" });
      this.baseURL = common.baseURL;
      this.timeout = common.timeout;
      this.maxRetries = common.maxRetries;
      this.apiKey = (options.apiKey as string | undefined) ?? envOf(deps.process).ANTHROPIC_API_KEY ?? null;
      this.core = { ctx, flavour: "anthropic", errors, baseURL: this.baseURL, timeout: this.timeout, maxRetries: this.maxRetries, requestIdHeader: "request-id" };
      this.messages = { create: (body: Body = {}, requestOptions: RequestOptions = {}) => this.create(body, requestOptions) };
    }

    private create(body: Body, requestOptions: RequestOptions) {
      const site = captureSite();
      let timeout = requestOptions.timeout ?? this.options.timeout;
      if (body.stream !== true && timeout == null) {
        // calculateNonstreamingTimeout: 60 minutes for 128 000 tokens, refused past 10 minutes
        const maxTokens = Number(body.max_tokens ?? 0);
        const expected = (60 * 60 * 1000 * maxTokens) / 128_000;
        const limit = MODEL_NONSTREAMING_TOKENS[String(body.model)];
        if (expected > 10 * 60 * 1000 || (limit !== undefined && maxTokens > limit)) throw new errors.BaseError(STREAMING_REQUIRED);
        timeout = 10 * 60 * 1000;
      }
      const what = `Anthropic messages.create${body.stream === true ? " (stream)" : ""}`;
      const sent = send(this.core, "POST", "/v1/messages", { ...requestOptions, timeout: timeout ?? this.timeout }, site, what);
      if (body.stream === true) {
        const controller = new AbortController();
        return apiPromise(this.core, sent, (s) => makeStream(this.core, streamEvents(s, () => messageEvents(message(ctx, body))), controller));
      }
      return apiPromise(this.core, sent, (s) => {
        const value = s.answer.source === "default" ? message(ctx, body) : (parseJson(s.answer.body) ?? s.answer.body);
        return withRequestId(this.core, value, s);
      });
    }
  }
  Object.assign(Anthropic, errors.named, { Anthropic, AnthropicError: errors.BaseError });
  return { __esModule: true, default: Anthropic, Anthropic, ...errors.named, AnthropicError: errors.BaseError };
}
