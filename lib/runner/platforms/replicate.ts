import { NO_PLATFORM_TEXT, plainSeconds } from "./format";
import { definePreset } from "./plans";
import type { MessageContext, PlatformPreset } from "./types";

const COG = "https://github.com/replicate/cog/blob/6110c912377d4ded0f57165d305821a14a9a4418";

/** Replicate's text for an instance that did not boot in time, or Cog's when COG_SETUP_TIMEOUT came first. */
function bootFailed(ctx: MessageContext): string {
  if (ctx.limitText?.startsWith("COG_SETUP_TIMEOUT")) return "worker setup timed out";
  return `model container failed to boot and complete setup within ${plainSeconds(ctx.timeout)} seconds`;
}

export const replicate: PlatformPreset = definePreset({
  id: "replicate",
  name: "Replicate (Cog models)",
  defaultPlan: "prediction",
  plans: [
    {
      id: "prediction",
      aliases: ["predictions", "cog"],
      name: "Prediction time limit (`predict()` / `run()`)",
      clock: "wall",
      defaultTimeout: 1800,
      maxTimeout: 1800,
      minTimeout: 1,
      note: "Predictions time out after running for 30 minutes (longer only by arrangement with Replicate); a Cancel-After header sets a shorter deadline. Queueing, cold boot and setup() are not part of it.",
    },
  ],
  languages: ["python"],
  entry:
    "A Cog predictor: `class Predictor(BasePredictor)` (Cog 0.20+: `class Runner(BaseRunner)`) with `setup()` and `predict()` / `run()`, named in cog.yaml as `predict: \"predict.py:Predictor\"`.",
  countsInit: false,
  // Boot: the image starting, the predictor module's import and setup(), as one budget.
  initTimeout: 600,
  initNote:
    "A new instance must boot (import the predictor module, then setup()) within Replicate's boot budget, 600 s in every report of its message; the 30-minute prediction limit starts after. Cog applies no setup limit inside the container unless COG_SETUP_TIMEOUT is set.",
  message: (ctx) => {
    if (ctx.kind !== "timeout") return NO_PLATFORM_TEXT;
    if (ctx.limit === "startup") return bootFailed(ctx);
    return "Prediction failed.\nPrediction timed out.";
  },
  messageConfidence: "documented-paraphrase",
  messageNote:
    "The 30-minute limit is in Replicate's Prediction lifecycle docs; 'Prediction failed. / Prediction timed out.' is the prediction page's wording as cog#2098 quotes it. 'model container failed to boot and complete setup within 600 seconds' is Replicate's message as replicate-python#307, #298 and #441 quote it; no Replicate page read states the 600 s. 'worker setup timed out' is coglet's own error (orchestrator.rs OrchestratorError::SetupTimeout) when COG_SETUP_TIMEOUT ends setup().",
  sources: [
    {
      url: "https://replicate.com/docs/topics/predictions/lifecycle",
      title: "Replicate: Prediction lifecycle (statuses; 'Predictions time out after running for 30 minutes')",
      checked: "2026-11",
    },
    {
      url: "https://replicate.com/changelog/2025-10-16-prediction-deadlines",
      title: "Replicate changelog: prediction deadlines with the Cancel-After header (canceled / aborted)",
      checked: "2026-11",
    },
    {
      url: "https://github.com/replicate/cog/issues/2098",
      title: "cog#2098: 'Prediction failed. Prediction timed out. Generated in 30 minutes'",
      checked: "2026-11",
    },
    {
      url: "https://github.com/replicate/replicate-python/issues/307",
      title: "replicate-python#307: 'model container failed to boot and complete setup within 600 seconds'",
      checked: "2026-11",
    },
    {
      url: `${COG}/docs/environment.md`,
      title: "Cog docs: COG_SETUP_TIMEOUT (no setup timeout by default; 0 disables)",
      checked: "2026-11",
    },
    {
      url: `${COG}/crates/coglet/src/orchestrator.rs`,
      title: "coglet orchestrator.rs: setup under tokio::time::timeout when set; OrchestratorError::SetupTimeout 'worker setup timed out'",
      checked: "2026-11",
    },
    {
      url: `${COG}/python/cog/predictor.py`,
      title: "Cog predictor.py: BaseRunner / BasePredictor, Runner before Predictor, run() or predict() but not both",
      checked: "2026-11",
    },
    {
      url: `${COG}/python/cog/_inspector.py`,
      title: "Cog _inspector.py: check_input messages (Field required, fails constraint, unknown input field ignored)",
      checked: "2026-11",
    },
  ],
  notes:
    "A prediction past 30 minutes fails as timed out (status failed) and is billed to then. An instance that does not boot in time is discarded and the prediction fails with the boot message; a version that keeps failing setup may be disabled.",
  unconfirmed: ["initTimeout"],
});
