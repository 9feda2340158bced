// Modelled modules and what their calls cost. A modelled module is declared present but never
// run: importing it gives inert objects, and each call on one is a "modelled" span that takes the
// seconds of the most specific cost rule matching one of the call's names (0 s with none).
//
// A call has several names, and a cost pattern may use any of them:
//   the path it was reached by     diffusers.StableDiffusionPipeline.from_pretrained
//                                  diffusers.StableDiffusionPipeline.from_pretrained().to
//   a variable that holds it       pipe.__call__   (also written pipe())   self.model.transcribe
// In patterns `*` matches any run of characters, dots included; a trailing `()` means `.__call__`.
import type { WorldRules } from "./rules";

export type CostMatch = { seconds: number; pattern: string };

export type CostModel = {
  /** The cost of a call known by these names, or null when no rule names it. */
  costOf(names: readonly string[]): CostMatch | null;
  /** Whether an import of `module` (dotted or a package specifier) is declared modelled. */
  isModelled(module: string): boolean;
  /** Whether every unavailable import is modelled (`model: ["*"]`). */
  modelsEverything: boolean;
};

/** `pipe()` → `pipe.__call__`, `pipe()()` → `pipe.__call__.__call__`: one spelling for calls. */
export function normaliseCallName(name: string): string {
  let text = name.trim();
  // Only a trailing call means "calling this"; calls inside a path (from_pretrained().to) are the
  // path's own steps and stay as they are.
  while (text.endsWith("()")) text = `${text.slice(0, -2)}.__call__`;
  return text;
}

function compile(pattern: string): { regex: RegExp; specificity: number } {
  const normal = normaliseCallName(pattern);
  const source = normal
    .split("*")
    .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, "\\$&"))
    .join(".*");
  return { regex: new RegExp(`^${source}$`), specificity: normal.replace(/\*/g, "").length };
}

export function createCostModel(world: WorldRules = {}): CostModel {
  const rules = Object.entries(world.cost ?? {}).map(([pattern, seconds]) => ({ pattern, seconds, ...compile(pattern) }));
  // Most specific first; among equals, the one written first.
  rules.sort((a, b) => b.specificity - a.specificity);
  const modules = (world.model ?? []).map((m) => m.trim()).filter(Boolean);
  const everything = modules.includes("*");
  return {
    costOf(names) {
      const normal = names.map(normaliseCallName);
      for (const rule of rules) {
        if (normal.some((name) => rule.regex.test(name))) return { seconds: rule.seconds, pattern: rule.pattern };
      }
      return null;
    },
    isModelled(module) {
      if (everything) return true;
      const name = module.replace(/^(node:|npm:|jsr:)/, "");
      return modules.some((m) => name === m || name.startsWith(`${m}.`) || name.startsWith(`${m}/`));
    },
    modelsEverything: everything,
  };
}
