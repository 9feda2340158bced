// A saved or shared editor state turned back into the request it runs, for "Run both" and for
// a comparison opened from a link, where the state never went through the editor's form. The
// same parsers as the form (world/syntax, env) refuse what it would refuse, with its messages.
import type { EditorState } from "../browser/share";
import { parseEnvText } from "../env";
import type { SimulationRequest } from "../types";
import { parseModelList, parseResponseRule } from "../world/syntax";

const FILENAMES = { python: "handler.py", javascript: "handler.js", typescript: "handler.ts" } as const;
/** Servers whose simultaneous requests the simulator models (lib/runner/prepare.ts). */
const SERVERS = ["gunicorn", "heroku"];

export function requestFromState(state: EditorState, filename?: string): SimulationRequest {
  let event: unknown = {};
  if (state.event.trim()) {
    try {
      event = JSON.parse(state.event);
    } catch (error) {
      throw new Error(`Event: not valid JSON (${(error as Error).message}).`);
    }
  }
  const responses = state.responses.filter((r) => r.match.trim() || r.answers.trim()).map((r, i) => parseResponseRule(`${r.match} => ${r.answers}`, `Response ${i + 1}`));
  const model = state.model.trim() ? parseModelList(state.model, "Modelled modules") : [];
  const env = parseEnvText(state.env, "Environment");
  const serves = state.language === "python" && SERVERS.includes(state.platform);
  return {
    language: state.language,
    code: state.code,
    filename: filename ?? FILENAMES[state.language],
    platform: state.platform,
    ...(state.timeout !== null ? { timeout: state.timeout } : {}),
    event,
    latency: Object.fromEntries(state.latency),
    ...(responses.length ? { responses } : {}),
    ...(model.length ? { model } : {}),
    ...(state.cost.length ? { cost: Object.fromEntries(state.cost) } : {}),
    ...(state.handler.trim() ? { handler: state.handler.trim() } : {}),
    ...(state.plan ? { plan: state.plan } : {}),
    ...(serves && state.concurrency > 1 ? { concurrency: state.concurrency } : {}),
    ...(Object.keys(env).length ? { env } : {}),
  };
}
