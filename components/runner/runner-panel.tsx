import type { ReactNode } from "react";
import type { CodeFile, CodePair } from "@/lib/content/code-pair.server";
import type { Simulate } from "@/lib/content/schema";
import { PLATFORMS, isPlatformId, platformSummary } from "@/lib/runner/platforms";
import { languageOfFile } from "@/lib/runner/prepare";
import { CodeLine } from "../code-lines";
import { Runner, type Example, type PlatformOption } from "./runner.client";
import "./editor.css";

// Plain data for the client island: presets carry functions (their expiry text), which stay in
// the worker.
const PLATFORM_OPTIONS: PlatformOption[] = PLATFORMS.map(platformSummary);

// Article platforms whose simulator preset has another id.
const PRESET_FOR_ARTICLE: Record<string, string> = { "aws-api-gateway": "api-gateway", "gcp-cloud-run": "cloud-run", supabase: "supabase-edge", cloudflare: "cloudflare-workers" };

function example(file: CodeFile): Example {
  return { code: file.source, language: languageOfFile(file.name) ?? "python", filename: file.name };
}

function Preview({ file }: { file: CodeFile }) {
  return (
    <pre className="shiki code-lines runner-static" aria-label={`${file.name}, ready to edit and run`}>
      <code>
        {file.lines.map((tokens, i) => (
          <span key={i} className="line">
            <CodeLine tokens={tokens} />
            {"\n"}
          </span>
        ))}
      </code>
    </pre>
  );
}

type RunnerPanelProps = {
  slug: string;
  pair: CodePair | null;
  simulate: Simulate | false;
  articlePlatform: string;
  /** what stands in for the editor until it opens; by default the broken example, highlighted */
  preview?: ReactNode;
};

/** The editor panel of an article: static code first, the simulator when someone reaches for it. */
export function RunnerPanel({ slug, pair, simulate, articlePlatform, preview }: RunnerPanelProps) {
  const fallback = PRESET_FOR_ARTICLE[articlePlatform] ?? articlePlatform;
  const platform = simulate ? simulate.platform : isPlatformId(fallback) ? fallback : "aws-lambda";
  const initial = {
    platform,
    timeout: simulate ? simulate.timeout : null,
    event: simulate && simulate.event !== undefined ? JSON.stringify(simulate.event, null, 2) : "{}",
    latency: simulate && simulate.latency ? Object.entries(simulate.latency) : [],
    responses: simulate && simulate.responses ? simulate.responses : [],
    model: simulate && simulate.model ? simulate.model : [],
    cost: simulate && simulate.cost ? Object.entries(simulate.cost) : [],
    handler: simulate && simulate.handler ? simulate.handler : "",
    plan: simulate && simulate.plan ? simulate.plan : null,
    concurrency: simulate && simulate.concurrency ? simulate.concurrency : 1,
    env: simulate && simulate.env ? Object.entries(simulate.env).map(([k, v]) => `${k}=${v}`).join("\n") : "",
  };
  return (
    // tabIndex -1: "Skip to the editor" (site-header.tsx) moves focus here, so the next Tab is the editor's first control.
    <div className="runner-panel" id="simulator" tabIndex={-1}>
      <h3 className="runner-title">Run it on a simulated clock</h3>
      <Runner
        storageKey={slug}
        examples={pair ? { broken: example(pair.broken), fixed: example(pair.fixed) } : null}
        initial={initial}
        platforms={PLATFORM_OPTIONS}
        preview={preview ?? (pair ? <Preview file={pair.broken} /> : <p className="runner-empty">Paste your own handler and see whether it fits the platform's deadline.</p>)}
      />
    </div>
  );
}
