import { expect } from "vitest";
import { test } from "./engine-fixture";
import { expectSeconds } from "../virtual-time.fixture";

// Cloudflare's proxy in front of a Node origin (the deadline runs between reads) and Slack's Deno
// runtime (SlackFunction, the Slack Web API client, completion, interactivity), on the real presets.

const js = (code: string) => code.replace(/^\n/, "");
const request = { method: "POST", path: "/reports/export", headers: { host: "reports.example.com" } };

test("Cloudflare proxy: an origin silent for 125 s gets the 524 page naming the host", async ({ engine }) => {
  const { result } = await engine.run(
    {
      code: js(`
export default async function handler(req, res) {
  const rows = await fetch("https://warehouse.internal.example.com/v1/query").then((r) => r.json());
  res.status(200).json(rows);
}`),
      event: request,
      latency: { "warehouse.internal.example.com": 150 },
    },
    "real:cloudflare-proxy",
  );
  expect(result.verdict).toBe("timeout");
  expect(result.elapsedSeconds).toBe(125);
  expect(result.line).toBe(2);
  expect(result.platformMessage).toContain("<title>reports.example.com | 524: A timeout occurred</title>");
});

test("Cloudflare proxy: an origin that keeps writing is never cut off; a gap longer than the timeout is", async ({ engine }) => {
  const writer = (gapMs: number) =>
    js(`
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
export default async function handler(req, res) {
  res.writeHead(200, { "content-type": "text/csv" });
  for (let i = 0; i < 4; i++) {
    await sleep(${gapMs});
    res.write("row\\n");
  }
  res.end();
}`);
  const steady = await engine.run({ code: writer(100_000), event: request }, "real:cloudflare-proxy");
  expect(steady.result.verdict).toBe("ok");
  expect(steady.result.elapsedSeconds).toBeCloseTo(400, 0);
  expect(steady.result.result).toMatchObject({ status: 200, body: "row\nrow\nrow\nrow\n" });
  const stalled = await engine.run({ code: writer(130_000), event: request }, "real:cloudflare-proxy");
  expect(stalled.result.verdict).toBe("timeout");
  expect(stalled.result.line).toBe(5);
  // the headers went out at once: the 125 s ran from them, so the run ended 125 s in
  expectSeconds(stalled.result.elapsedSeconds, 125);
  expect(stalled.result.notes?.map((note) => note.text).join(" ")).toMatch(/counts from the last part it sent/);
});

test("Cloudflare proxy: a streamed Response body restarts the clock with every chunk", async ({ engine }) => {
  const { result } = await engine.run(
    {
      code: js(`
export async function POST(request) {
  let sent = 0;
  const body = new ReadableStream({
    async pull(controller) {
      await new Promise((r) => setTimeout(r, 90_000));
      if (++sent > 3) return controller.close();
      controller.enqueue(new TextEncoder().encode("chunk " + sent + "\\n"));
    },
  });
  return new Response(body);
}`),
      event: request,
      plan: "enterprise",
      timeout: 100,
    },
    "real:cloudflare-proxy",
  );
  expect(result.verdict).toBe("ok");
  expect(result.result).toMatchObject({ body: "chunk 1\nchunk 2\nchunk 3\n" });
  expect(result.elapsedSeconds).toBeGreaterThan(350);
});

const PIPELINE = js(`
import { DefineFunction, Schema, SlackFunction } from "deno-slack-sdk/mod.ts";
import { TriggerTypes } from "https://deno.land/x/deno_slack_api@2.9.3/mod.ts";

export const Def = DefineFunction({
  callback_id: "pipeline_report",
  title: "Start pipeline report",
  source_file: "functions/pipeline_report.ts",
  input_parameters: { properties: { channel: { type: Schema.slack.types.channel_id } }, required: ["channel"] },
  output_parameters: { properties: { trigger_id: { type: Schema.types.string } }, required: ["trigger_id"] },
});

export default SlackFunction(Def, async ({ inputs, client, env, token }) => {
  const created = await client.workflows.triggers.create({
    type: TriggerTypes.Scheduled,
    name: "Deliver report",
    workflow: "#/workflows/deliver_report",
    inputs: { channel: { value: inputs.channel } },
    schedule: { start_time: new Date(Date.now() + 180_000).toISOString(), frequency: { type: "once" } },
  });
  const posted = await client.chat.postMessage({ channel: inputs.channel, text: "Preparing the report" });
  if (!posted.ok) return { error: posted.error };
  return { outputs: { trigger_id: created.trigger.id, channel: posted.channel, region: env.REGION, token: token.slice(0, 5) } };
});`);

test("Slack: SlackFunction gets inputs, env, token and a client on slack.com/api; success is completed through the API", async ({ engine }) => {
  const { result } = await engine.run(
    { code: PIPELINE, language: "typescript", event: { inputs: { channel: "C0123456789" } }, latency: { "slack.com": 0.2 }, env: { REGION: "eu" } },
    "real:slack-deno",
  );
  expect(result.verdict).toBe("ok");
  expect(result.result).toEqual({ outputs: { trigger_id: expect.stringMatching(/^Ft/), channel: "C0123456789", region: "eu", token: "xwfp-" } });
  const calls = result.timeline.filter((span) => span.kind === "network").map((span) => [span.label, span.answer, span.line ?? null]);
  expect(calls).toEqual([
    ["POST https://slack.com/api/workflows.triggers.create", "service", 13],
    ["POST https://slack.com/api/chat.postMessage", "service", 20],
    ["POST https://slack.com/api/functions.completeSuccess", "service", null],
  ]);
  // the completion call is part of the function's time
  expectSeconds(result.elapsedSeconds, 0.6);
});

test("Slack: a rule answers the API first; { error } completes with functions.completeError", async ({ engine }) => {
  const { result } = await engine.run(
    {
      code: PIPELINE,
      language: "typescript",
      event: { inputs: { channel: "C0123456789" } },
      responses: [{ match: "POST slack.com/api/chat.postMessage", answers: [{ json: { ok: false, error: "channel_not_found" } }] }],
    },
    "real:slack-deno",
  );
  expect(result.verdict).toBe("ok");
  expect(result.result).toEqual({ error: "channel_not_found" });
  const labels = result.timeline.filter((span) => span.kind === "network").map((span) => `${span.label} ${span.answer}`);
  expect(labels).toContain("POST https://slack.com/api/chat.postMessage rule");
  expect(labels.at(-1)).toBe("POST https://slack.com/api/functions.completeError service");
});

test("Slack: slack run stops the step at 15 s with the activity log naming the function's title", async ({ engine }) => {
  const { result } = await engine.run(
    {
      code: js(`
import { DefineFunction, SlackFunction } from "https://deno.land/x/deno_slack_sdk@2.15.2/mod.ts";
const Def = DefineFunction({ callback_id: "export", title: "Export CRM", source_file: "functions/export.ts" });
export default SlackFunction(Def, async () => {
  await new Promise((r) => setTimeout(r, 90_000));
  return { outputs: {} };
});`),
      language: "typescript",
      plan: "local",
    },
    "real:slack-deno",
  );
  expect(result.verdict).toBe("timeout");
  expect(result.elapsedSeconds).toBe(15);
  expect(result.line).toBe(4);
  expect(result.platformMessage?.split("\n").slice(0, 2)).toEqual(["[error] Function 'Export CRM' (app function) failed", "\tevent_dispatch_failed"]);
});

test("Slack: { completed: false } makes no completion call; a block action goes to its handler", async ({ engine }) => {
  const code = js(`
import { DefineFunction, SlackFunction } from "deno-slack-sdk/mod.ts";
const Def = DefineFunction({ callback_id: "approve", title: "Approval", source_file: "functions/approve.ts" });
export default SlackFunction(Def, async ({ client, inputs }) => {
  await client.chat.postMessage({ channel: inputs.channel, text: "Approve?" });
  return { completed: false };
}).addBlockActionsHandler(["approve_request", "deny_request"], async ({ action, body, client }) => {
  await client.functions.completeSuccess({ function_execution_id: body.function_data.execution_id, outputs: { approved: action.action_id === "approve_request" } });
  return { answered: action.action_id };
});`);
  const main = await engine.run({ code, language: "typescript", event: { inputs: { channel: "C1" } } }, "real:slack-deno");
  expect(main.result.verdict).toBe("ok");
  expect(main.result.result).toEqual({ completed: false });
  expect(main.result.timeline.filter((span) => span.kind === "network").map((span) => span.label)).toEqual(["POST https://slack.com/api/chat.postMessage"]);
  const click = await engine.run(
    { code, language: "typescript", plan: "interactivity", event: { type: "block_actions", actions: [{ action_id: "deny_request", block_id: "b1" }] } },
    "real:slack-deno",
  );
  expect(click.result.verdict).toBe("ok");
  expect(click.result.result).toEqual({ answered: "deny_request" });
  const none = await engine.run({ code, language: "typescript", event: { type: "view_submission", view: { callback_id: "x" } } }, "real:slack-deno");
  expect(none.result.verdict).toBe("error");
  expect(none.result.error?.message).toMatch(/no handler defined to handle it/);
});

test("Slack: a file without a default export is told what the runtime calls", async ({ engine }) => {
  const { result } = await engine.run({ code: "export const handler = async () => ({ outputs: {} });", language: "typescript" }, "real:slack-deno");
  expect(result.verdict).toBe("error");
  expect(result.error?.type).toBe("EntryPointError");
  expect(result.error?.message).toMatch(/export default SlackFunction\(/);
});
