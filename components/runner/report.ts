// What a run means in words: the verdict sentence the panel shows, and the Markdown a person
// pastes into an issue tracker. Pure functions, so the panel and the tests say the same thing.
import type { RunOutcome } from "@/lib/runner/browser/client";
import type { PlatformSummary } from "@/lib/runner/platforms";
import { formatSeconds, limitSentence } from "@/lib/runner/timeline";
import type { SimulationRequest } from "@/lib/runner/types";
import { formatResponseRule } from "@/lib/runner/world/syntax";
import { fencedBlock, inlineCode as code } from "@/lib/markdown/fence";

export type Tone = "ok" | "bad" | "neutral";

/** "262 KB" for a limit in characters (one byte each for the ASCII a log is mostly made of). */
export function sizeText(chars: number): string {
  return chars >= 1_000_000 ? `${Math.round(chars / 100_000) / 10} MB` : `${Math.round(chars / 1000)} KB`;
}

export function verdictSentence(outcome: RunOutcome, platform: PlatformSummary | undefined): { tone: Tone; text: string; detail?: string } {
  const name = platform?.name ?? "the platform";
  if (outcome.kind === "stopped") return { tone: "neutral", text: "Stopped. Nothing was judged." };
  if (outcome.kind === "killed") return { tone: "bad", text: "Stopped automatically. Nothing was judged.", detail: `The simulator ended this run: ${outcome.reason}.` };
  if (outcome.kind === "invalid") {
    return { tone: "bad", text: "The simulator returned an invalid result.", detail: "The code under test may have changed the simulator's own objects, which share its sandbox. Nothing was judged; Run works as before." };
  }
  if (outcome.kind === "lost") {
    return {
      tone: "bad",
      text: "The sandbox crashed, most likely out of memory, and was restarted. Nothing was judged.",
      detail: "Its process stopped answering: the browser ends a sandbox whose code fills its memory (an allocation that never stops). This page was not affected, and the next run gets a fresh sandbox.",
    };
  }
  if (outcome.kind === "failure") return { tone: "bad", text: "The simulator could not run this.", detail: outcome.message };
  const r = outcome.result;
  const at = r.line ? ` at line ${r.line}` : "";
  const runaway = r.runaway === true;
  const cut = [
    r.truncated?.stdout !== undefined ? `output truncated at ${sizeText(r.truncated.stdout)}` : null,
    r.truncated?.result !== undefined ? `return value truncated at ${sizeText(r.truncated.result)}` : null,
  ].filter((part): part is string => part !== null);
  const truncation = cut.length ? { detail: `The simulator kept the start: ${cut.join(", ")}.` } : {};
  if (r.verdict === "ok") {
    return { tone: "ok", text: `Finished in ${formatSeconds(r.elapsedSeconds)}${platform?.clock === "cpu" ? " of CPU" : ""} of a ${formatSeconds(r.deadlineSeconds)} limit.`, ...truncation };
  }
  if (r.verdict === "timeout") {
    const other = limitSentence(r, name, at);
    const clock = r.limit?.kind === "deadline" ? r.limit.clock : platform?.clock;
    const text = other
      ? `${other}.`
      : clock === "cpu"
        ? `Exceeded the ${formatSeconds(r.deadlineSeconds)} CPU limit${at}. ${name} stops this handler.`
        : `Timed out at ${formatSeconds(r.elapsedSeconds)}${at}. ${name} stops this handler.`;
    return {
      tone: "bad",
      text,
      ...truncation,
      ...(runaway ? { detail: "Stopped automatically: the code kept the CPU busy for seconds of real time without waiting, so on the platform it would run into the deadline." } : {}),
    };
  }
  const e = r.error;
  if (e?.type === "ImportsUnavailable") {
    const count = e.imports?.length ?? 0;
    return { tone: "bad", text: `Not run: ${count === 1 ? "1 import is" : `${count} imports are`} not available in the simulator.`, detail: "Each is listed below with what to do about it." };
  }
  // Python's MemoryError, V8's failed allocations: said plainly, it is what happened.
  const memory = e !== null && (e.type === "MemoryError" || /allocation failed|out of memory|Invalid (array|string|typed array) length/i.test(e.message));
  return {
    tone: "bad",
    text: `${memory ? "Ran out of memory" : "Failed"}${e?.line ? ` at line ${e.line}` : at} after ${formatSeconds(r.elapsedSeconds)}: ${e ? `${e.type}: ${e.message.split("\n")[0]}` : "error"}`,
    ...truncation,
  };
}

export function markdownReport(request: SimulationRequest, outcome: RunOutcome, platform: PlatformSummary | undefined, link: string): string {
  const lang = { python: "python", javascript: "js", typescript: "ts" }[request.language];
  const verdict = verdictSentence(outcome, platform);
  const lines = [
    `**Deadline simulation** on ${platform?.name ?? request.platform}${request.plan ? ` (${request.plan})` : ""}, ${request.timeout !== undefined ? `${request.timeout} s` : "default"} limit`,
    "",
    fencedBlock(request.code, lang),
    "",
  ];
  if (request.handler) lines.push(`Handler: ${code(request.handler)}`, "");
  if (request.concurrency && request.concurrency > 1) lines.push(`Simultaneous requests: ${request.concurrency}`, "");
  if (request.event !== undefined && JSON.stringify(request.event) !== "{}") lines.push(`Event: ${code(JSON.stringify(request.event))}`, "");
  const latency = Object.entries(request.latency ?? {});
  if (latency.length) lines.push(`Latency: ${latency.map(([h, s]) => `${code(h)} ${s} s`).join(", ")}`, "");
  if (request.responses?.length) lines.push("Responses:", ...request.responses.map((rule) => `- ${code(formatResponseRule(rule))}`), "");
  if (request.model?.length) lines.push(`Modelled modules: ${request.model.map(code).join(", ")}`, "");
  const cost = Object.entries(request.cost ?? {});
  if (cost.length) lines.push(`Costs: ${cost.map(([p, s]) => `${code(p)} ${s} s`).join(", ")}`, "");
  lines.push(`**Verdict:** ${verdict.text}`);
  if (outcome.kind === "result") {
    const { result } = outcome;
    if (result.platformMessage) {
      lines.push("", fencedBlock(result.platformMessage, "text"));
    }
    if (result.requests?.length) {
      lines.push("", "| request | verdict | status | queued | took |", "|---|---|---|---|---|");
      for (const r of result.requests) lines.push(`| ${r.index} | ${r.verdict} | ${r.status ?? "none"} | ${formatSeconds(r.queuedSeconds)} | ${formatSeconds(r.elapsedSeconds)} |`);
    }
    for (const note of result.notes ?? []) lines.push("", `> ${note.text}`);
  }
  lines.push("", `[Open this run in Deadline](${link})`);
  return lines.join("\n");
}

/**
 * The line under a verdict. Only a result was judged: a run that was stopped, or ended without a
 * result, says how long it went and nothing about a judgement.
 */
export function outcomeMeta(outcome: RunOutcome): string {
  const ms = Math.round(outcome.realMs);
  const ignored = outcome.ignored > 0 ? ` Ignored ${outcome.ignored} message${outcome.ignored === 1 ? "" : "s"} that did not come from the simulator.` : "";
  if (outcome.kind === "result") {
    return `Judged in ${ms} ms of real time, in a sandbox with no network: the code under test runs beside the simulator there, so it can influence its own verdict, and nothing beyond this run.${ignored}`;
  }
  if (outcome.kind === "stopped") return `You stopped it after ${ms} ms of real time.${ignored}`;
  return `It ended after ${ms} ms of real time.${ignored}`;
}
