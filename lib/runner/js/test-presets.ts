// Small literal presets for the engine's tests; the real ones live in lib/runner/platforms.

import type { JsPlatformPreset } from "./engine";

export const TEST_PRESETS = {
  "aws-lambda": {
    id: "aws-lambda",
    clock: "wall",
    timeout: 3,
    countsInit: false,
    message: ({ elapsed, requestId, kind }) =>
      kind === "timeout" ? `${requestId} Task timed out after ${elapsed.toFixed(2)} seconds` : `${requestId} Invoke Error`,
  },
  "cloudflare-workers": {
    id: "cloudflare-workers",
    clock: "cpu",
    timeout: 0.05,
    countsInit: false,
    message: ({ kind }) => (kind === "timeout" ? "Error 1102: Worker exceeded resource limits" : "Error 1101: Worker threw exception"),
  },
  vercel: {
    id: "vercel",
    clock: "wall",
    timeout: 10,
    countsInit: true,
    message: ({ kind }) => (kind === "timeout" ? "FUNCTION_INVOCATION_TIMEOUT" : "FUNCTION_INVOCATION_FAILED"),
  },
  "supabase-edge": {
    id: "supabase-edge",
    clock: "wall",
    timeout: 150,
    countsInit: true,
    message: ({ kind }) => (kind === "timeout" ? "wall clock time limit reached" : "worker boot error"),
  },
  "azure-functions": {
    id: "azure-functions",
    clock: "wall",
    timeout: 300,
    countsInit: false,
    message: ({ kind }) => (kind === "timeout" ? "Timeout value of 00:05:00 exceeded by function 'Functions.handler'" : "Executed 'Functions.handler' (Failed)"),
  },
  netlify: {
    id: "netlify",
    clock: "wall",
    timeout: 60,
    countsInit: false,
    message: ({ kind }) => (kind === "timeout" ? "Task timed out after 60.00 seconds" : "Function invocation failed"),
  },
  "netlify-edge": {
    id: "netlify-edge",
    clock: "wall",
    timeout: 40,
    countsInit: true,
    message: ({ kind }) => (kind === "timeout" ? "Edge function timed out" : "Edge function crashed"),
  },
  "gcp-functions": {
    id: "gcp-functions",
    clock: "wall",
    timeout: 60,
    countsInit: false,
    message: ({ kind }) => (kind === "timeout" ? "Function execution took 60001 ms, finished with status: 'timeout'" : "Function execution took 12 ms, finished with status: 'crash'"),
  },
} satisfies Record<string, JsPlatformPreset>;

export type TestPresetId = keyof typeof TEST_PRESETS;
