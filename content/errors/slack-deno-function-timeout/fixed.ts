// functions/pipeline_report.ts: workflow step that posts the open sales pipeline to a channel.
import { DefineFunction, Schema, SlackFunction } from "deno-slack-sdk/mod.ts";
import { TriggerTypes } from "deno-slack-api/mod.ts";

export const PipelineReportDefinition = DefineFunction({
  callback_id: "pipeline_report",
  title: "Start pipeline report",
  source_file: "functions/pipeline_report.ts",
  input_parameters: {
    properties: { channel: { type: Schema.slack.types.channel_id } },
    required: ["channel"],
  },
  output_parameters: {
    properties: { export_id: { type: Schema.types.string } },
    required: ["export_id"],
  },
});

const CRM = "https://api.crm.example.com/v2";
const DELIVER_AFTER_MS = 3 * 60_000;

export default SlackFunction(PipelineReportDefinition, async ({ inputs, client, env }) => {
  const headers = { authorization: `Bearer ${env.CRM_TOKEN}`, "content-type": "application/json" };

  // Only start the export here; a second workflow delivers it later, in a step of its own.
  const job = await fetch(`${CRM}/exports`, {
    method: "POST",
    headers,
    body: JSON.stringify({ object: "opportunities", filter: "stage != 'closed'" }),
    signal: AbortSignal.timeout(5_000),
  }).then((r) => r.json());

  const scheduled = await client.workflows.triggers.create({
    type: TriggerTypes.Scheduled,
    name: `Deliver pipeline report ${job.id}`,
    workflow: "#/workflows/deliver_pipeline_report",
    inputs: { export_id: { value: job.id }, channel: { value: inputs.channel } },
    schedule: { start_time: new Date(Date.now() + DELIVER_AFTER_MS).toISOString(), frequency: { type: "once" } },
  });
  if (!scheduled.ok) return { error: `could not schedule the delivery: ${scheduled.error}` };

  await client.chat.postMessage({ channel: inputs.channel, text: "Preparing the pipeline report; it will be posted here in a few minutes." });
  return { outputs: { export_id: job.id } };
});
