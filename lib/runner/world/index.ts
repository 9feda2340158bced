// World rules (latency, responses, modelled modules, costs): one schema, one responder, one cost
// model for both engines, and the one-line syntax of the CLI and the editor.
export { answerSchema, matchSchema, mergeWorld, parseWorld, responseRuleSchema, worldSchema, type ResponseAnswer, type ResponseRule, type WorldRules } from "./rules";
export { createResponder, defaultBody, type Answer, type AnswerSource, type Responder } from "./responder";
export { createCostModel, normaliseCallName, type CostMatch, type CostModel } from "./costs";
export { formatAnswers, formatResponseRule, parseCostRule, parseModelList, parseResponseRule, RuleSyntaxError } from "./syntax";
export { annotate } from "./notes";

import type { SimulationRequest } from "../types";
import type { WorldRules } from "./rules";

/** The world rules a request carries. */
export function worldOf(request: SimulationRequest): WorldRules {
  return {
    ...(request.latency ? { latency: request.latency } : {}),
    ...(request.responses ? { responses: request.responses } : {}),
    ...(request.model ? { model: request.model } : {}),
    ...(request.cost ? { cost: request.cost } : {}),
  };
}
