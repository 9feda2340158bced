// Plans, modes and generations of a platform: which one a request runs on, with what deadline, and
// what the person is told about the choice. Framework-free plain functions over the preset data.

import type { Clock } from "../types";
import type { PlanLimits, PlatformPreset, PresetSpec } from "./types";

/**
 * A preset from its spec: the top-level clock and limits are the default plan's, so the two can
 * never disagree. Throws at module load when `defaultPlan` names no plan (a test loads them all).
 */
export function definePreset(spec: PresetSpec): PlatformPreset {
  const plan = spec.plans.find((p) => p.id === spec.defaultPlan);
  if (!plan) throw new Error(`${spec.id}: defaultPlan "${spec.defaultPlan}" is not one of its plans`);
  return {
    ...spec,
    clock: plan.clock,
    defaultTimeout: plan.defaultTimeout,
    maxTimeout: plan.maxTimeout,
    minTimeout: plan.minTimeout,
  };
}

export function defaultPlanOf(preset: Pick<PlatformPreset, "plans" | "defaultPlan">): PlanLimits {
  // definePreset guarantees it exists
  return preset.plans.find((p) => p.id === preset.defaultPlan) as PlanLimits;
}

/** The plan a person named, by id or alias, ignoring case and surrounding spaces; null when none. */
export function findPlan(preset: Pick<PlatformPreset, "plans">, id: string): PlanLimits | null {
  const wanted = id.trim().toLowerCase();
  return preset.plans.find((p) => p.id === wanted || (p.aliases ?? []).includes(wanted)) ?? null;
}

/** A duration as people read limits: `10 ms`, `29 s`, `3600 s`. */
export function limitSeconds(s: number): string {
  if (s > 0 && s < 1) return `${Number((s * 1000).toPrecision(6))} ms`;
  return `${Number(s.toPrecision(12))} s`;
}

/** `from 1 to 900 s`, `from 50 ms to 29 s`, `of 1 s or more`, `of 60 s only`. */
function rangePhrase(plan: PlanLimits): string {
  const { minTimeout: min, maxTimeout: max } = plan;
  if (min === max) return `of ${limitSeconds(min)} only`;
  if (!Number.isFinite(max)) return `of ${limitSeconds(min)} or more`;
  if (min >= 1 || min === 0) return `from ${min} to ${limitSeconds(max)}`;
  return `from ${limitSeconds(min)} to ${limitSeconds(max)}`;
}

/** `1 to 300 s, default 300 s` / `60 s, not configurable` / `1 s or more, no default`: a plan's range. */
export function rangeText(plan: PlanLimits): string {
  const { minTimeout: min, maxTimeout: max, defaultTimeout: d } = plan;
  const clock = plan.clock === "cpu" ? " of CPU" : "";
  if (min === max) return `${limitSeconds(min)}${clock}, not configurable`;
  const range = rangePhrase(plan).replace(/^(from|of) /, "");
  return `${range}${clock}, ${Number.isFinite(d) ? `default ${limitSeconds(d)}` : "no default"}`;
}

function fits(plan: PlanLimits, timeout: number): boolean {
  return timeout >= plan.minTimeout && timeout <= plan.maxTimeout;
}

/** The ids a person can choose from, the default marked. */
function planList(preset: Pick<PlatformPreset, "plans" | "defaultPlan">): string {
  return preset.plans.map((p) => (p.id === preset.defaultPlan ? `${p.id} (default)` : p.id)).join(", ");
}

export type PlanRequest = {
  /** a plan id or alias; the preset's default plan when absent */
  plan?: string | undefined;
  /** seconds of the plan's clock; the plan's default when absent */
  timeout?: number | undefined;
};

export type PlanResolution = {
  plan: PlanLimits;
  clock: Clock;
  /** the deadline to simulate, finite, in seconds of `clock` */
  timeout: number;
  /**
   * What the person should know about the plan the verdict rests on (for result.notes, kind
   * "plan"): why it was chosen when the request named none, its caveat, a response limit that
   * comes before the deadline. Absent when the default plan runs as it is.
   */
  note?: string;
};

/**
 * Which plan a request runs on and with what deadline. An explicit plan's limits are enforced. With
 * none, the default plan runs unless the requested timeout only fits other plans: then the first of
 * those (the cheapest: presets list plans cheapest first) is chosen, and the note says so; plans
 * marked `onlyWhenNamed` are never chosen this way, the error names them instead. Throws
 * an Error whose message a person can act on: a timeout outside the named plan (with the plans it
 * does fit), a timeout no plan allows (with every plan's range), an unknown plan id (with the
 * valid ones), a missing timeout where the plan has no limit.
 */
export function resolvePlan(preset: Pick<PlatformPreset, "name" | "plans" | "defaultPlan">, request: PlanRequest = {}): PlanResolution {
  const requested = request.timeout;
  if (requested !== undefined && (Number.isNaN(requested) || requested <= 0 || !Number.isFinite(requested))) {
    throw new Error(`Timeout must be a positive number of seconds, got ${requested}.`);
  }
  const notes: string[] = [];
  let plan: PlanLimits;
  if (request.plan !== undefined) {
    const named = findPlan(preset, request.plan);
    if (!named) throw new Error(`unknown plan "${request.plan}" for ${preset.name}; choose one of ${planList(preset)}`);
    plan = named;
    if (requested !== undefined && !fits(plan, requested)) {
      const others = preset.plans.filter((p) => p !== plan && fits(p, requested)).map((p) => p.id);
      throw new Error(
        `${preset.name}, ${plan.name} (plan ${plan.id}), accepts timeouts ${rangePhrase(plan)}, got ${requested}.` +
          (others.length > 0 ? ` ${limitSeconds(requested)} fits plan ${others.join(", ")}.` : ""),
      );
    }
  } else {
    plan = defaultPlanOf(preset);
    if (requested !== undefined && !fits(plan, requested)) {
      const chosen = preset.plans.find((p) => !p.onlyWhenNamed && fits(p, requested));
      const named = preset.plans.filter((p) => p.onlyWhenNamed && fits(p, requested)).map((p) => p.id);
      if (!chosen && named.length > 0) {
        throw new Error(
          `${preset.name}, ${plan.name} (plan ${plan.id}), accepts timeouts ${rangePhrase(plan)}, got ${requested}. ` +
            `${limitSeconds(requested)} fits plan ${named.join(", ")}, simulated only when named: choose it to run there.`,
        );
      }
      if (!chosen) {
        const ranges = preset.plans.map((p) => `${p.id}${p.id === preset.defaultPlan ? " (default)" : ""}: ${rangeText(p)}`);
        throw new Error(`No ${preset.name} plan allows a timeout of ${limitSeconds(requested)}. Plans: ${ranges.join("; ")}.`);
      }
      notes.push(
        `A ${limitSeconds(requested)} timeout is outside ${plan.name} (${rangeText(plan)}): ` +
          `simulated on ${chosen.name} (plan ${chosen.id}, ${rangeText(chosen)}). Choose a plan to simulate another.`,
      );
      plan = chosen;
    }
  }
  const timeout = requested ?? plan.defaultTimeout;
  if (!Number.isFinite(timeout)) {
    throw new Error(`${preset.name} has no time limit unless one is configured: pass a timeout in seconds.`);
  }
  if (plan.caveat) notes.push(plan.caveat);
  // A limit for some entries only (Azure's HTTP triggers) is said by the engine when it applies.
  if (plan.clock === "wall" && plan.responseStart && !plan.responseStart.only && plan.responseStart.seconds < timeout) {
    notes.push(`${plan.responseStart.note} The ${limitSeconds(timeout)} deadline only holds for work after the response has started.`);
  }
  return { plan, clock: plan.clock, timeout, ...(notes.length > 0 ? { note: notes.join(" ") } : {}) };
}

/** A plan as plain data for the editor's plan picker and `deadline platforms --json`. */
export type PlanSummary = {
  id: string;
  aliases: string[];
  name: string;
  clock: Clock;
  /** null: no limit unless one is configured */
  defaultTimeout: number | null;
  /** null: no maximum */
  maxTimeout: number | null;
  minTimeout: number;
  note: string;
  /** true for the plan a request without one runs on */
  default: boolean;
  /** true when a timeout never switches to this plan by itself: it runs only when chosen */
  onlyWhenNamed: boolean;
  /** wall-clock seconds to start the response, when the plan limits it besides the deadline */
  responseStartTimeout: number | null;
  /** CPU seconds per request, when a wall-clock plan limits them besides the deadline */
  cpuLimit: number | null;
};

export function planSummary(preset: Pick<PlatformPreset, "defaultPlan">, plan: PlanLimits): PlanSummary {
  const finite = (n: number) => (Number.isFinite(n) ? n : null);
  return {
    id: plan.id,
    aliases: [...(plan.aliases ?? [])],
    name: plan.name,
    clock: plan.clock,
    defaultTimeout: finite(plan.defaultTimeout),
    maxTimeout: finite(plan.maxTimeout),
    minTimeout: plan.minTimeout,
    note: [plan.note, plan.responseStart?.note, plan.cpuLimit?.note].filter(Boolean).join(" "),
    default: plan.id === preset.defaultPlan,
    onlyWhenNamed: plan.onlyWhenNamed === true,
    responseStartTimeout: plan.responseStart?.seconds ?? null,
    cpuLimit: plan.cpuLimit?.seconds ?? null,
  };
}

/**
 * resolvePlan over the plain summary the editor holds (no message functions): the same choice and
 * the same messages, so the editor refuses what the run would refuse. Notes beyond the plan switch
 * (caveats, response limits) arrive with the result.
 */
export function resolveSummaryPlan(
  summary: { name: string; defaultPlan: string; plans: readonly PlanSummary[] },
  request: PlanRequest,
): { plan: PlanSummary; timeout: number; note?: string } {
  const infinite = (n: number | null) => (n === null ? Number.POSITIVE_INFINITY : n);
  const limits: PlanLimits[] = summary.plans.map((p) => ({
    id: p.id,
    aliases: p.aliases,
    name: p.name,
    clock: p.clock,
    defaultTimeout: infinite(p.defaultTimeout),
    maxTimeout: infinite(p.maxTimeout),
    minTimeout: p.minTimeout,
    note: "",
    ...(p.onlyWhenNamed ? { onlyWhenNamed: true } : {}),
  }));
  const resolved = resolvePlan({ name: summary.name, defaultPlan: summary.defaultPlan, plans: limits }, request);
  const plan = summary.plans.find((p) => p.id === resolved.plan.id) as PlanSummary;
  return { plan, timeout: resolved.timeout, ...(resolved.note ? { note: resolved.note } : {}) };
}
