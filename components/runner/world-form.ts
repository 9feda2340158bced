// The editor's world-rule rows, as typed, turned into the rules a run takes. One parser for the
// CLI, the frontmatter and these rows (lib/runner/world): a row that would be refused there is
// refused here, with the same message, before Run is pressed.
import type { ResponseRule, WorldRules } from "@/lib/runner/world/rules";
import { parseModelList, parseResponseRule } from "@/lib/runner/world/syntax";

export type WorldRows = {
  /** [host, seconds as typed] */
  latency: [string, string][];
  responses: { match: string; answers: string }[];
  /** comma-separated module names as typed */
  model: string;
  /** [pattern, seconds as typed] */
  cost: [string, string][];
};

export type WorldForm = { world: WorldRules; problems: { row: string; message: string }[] };

const seconds = (text: string) => (text.trim() !== "" && Number(text) >= 0 && Number.isFinite(Number(text)) ? Number(text) : null);

export function worldFromRows(rows: WorldRows): WorldForm {
  const problems: WorldForm["problems"] = [];
  const world: WorldRules = {};
  rows.latency.forEach(([host, value], i) => {
    if (!host.trim()) return;
    const n = seconds(value);
    if (n === null) problems.push({ row: `latency-${i}`, message: `Host ${i + 1} needs a latency of 0 seconds or more.` });
    else (world.latency ??= {})[host.trim()] = n;
  });
  const responses: ResponseRule[] = [];
  rows.responses.forEach(({ match, answers }, i) => {
    if (!match.trim() && !answers.trim()) return;
    try {
      responses.push(parseResponseRule(`${match} => ${answers}`, `Response ${i + 1}`));
    } catch (error) {
      problems.push({ row: `response-${i}`, message: (error as Error).message });
    }
  });
  if (responses.length) world.responses = responses;
  if (rows.model.trim()) {
    try {
      world.model = parseModelList(rows.model, "Modelled modules");
    } catch (error) {
      problems.push({ row: "model", message: (error as Error).message });
    }
  }
  rows.cost.forEach(([pattern, value], i) => {
    if (!pattern.trim()) return;
    const n = seconds(value);
    if (n === null) problems.push({ row: `cost-${i}`, message: `Cost ${i + 1} needs a number of seconds, 0 or more.` });
    else (world.cost ??= {})[pattern.trim()] = n;
  });
  return { world, problems };
}
