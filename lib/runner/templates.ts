import type { Language } from "./types";

// Starting points for "your own handler": the smallest idiomatic handler for each platform.
const PYTHON: Record<string, string> = {
  runpod: `import time

import runpod


def handler(job):
    prompt = job["input"].get("prompt", "")
    time.sleep(5)  # stands in for your model call
    return {"echo": prompt}


runpod.serverless.start({"handler": handler})
`,
  default: `import time


def lambda_handler(event, context):
    time.sleep(1)  # stands in for your work
    return {"statusCode": 200, "body": "ok"}
`,
};

const JS: Record<string, string> = {
  "cloudflare-workers": `export default {
  async fetch(request, env, ctx) {
    const upstream = await fetch("https://api.example.com/data");
    return new Response(await upstream.text());
  },
};
`,
  "supabase-edge": `Deno.serve(async (req) => {
  const upstream = await fetch("https://api.example.com/data");
  return new Response(await upstream.text());
});
`,
  vercel: `export async function GET(request) {
  const upstream = await fetch("https://api.example.com/data");
  return Response.json(await upstream.json());
}
`,
  default: `export const handler = async (event, context) => {
  await new Promise((resolve) => setTimeout(resolve, 1000)); // stands in for your work
  return { statusCode: 200, body: "ok" };
};
`,
};
JS["vercel-edge"] = JS.vercel!;

export function templateFor(platform: string, language: Language): string {
  if (language === "python") return PYTHON[platform] ?? PYTHON.default!;
  const js = JS[platform] ?? JS.default!;
  if (language === "javascript") return js;
  // The same handler with the types a TypeScript author would write.
  return js
    .replace("async fetch(request, env, ctx)", "async fetch(request: Request, env: unknown, ctx: ExecutionContext): Promise<Response>")
    .replace("async (req) =>", "async (req: Request): Promise<Response> =>")
    .replace("GET(request)", "GET(request: Request)")
    .replace("async (event, context) =>", "async (event: unknown, context: { getRemainingTimeInMillis(): number }) =>");
}

/** Python, TypeScript or JavaScript, from what a pasted handler looks like. */
export function detectLanguage(code: string, fallback: Language = "python"): Language {
  const python = /^\s*(?:async\s+def|def|class)\s+\w+.*:\s*$|^\s*(?:import\s+[\w.]+\s*$|from\s+[\w.]+\s+import\b)/m.test(code);
  const js = /\b(?:const|let|var|function)\b|=>|\bexport\s+(?:default|const|async|function)\b|\brequire\(|;\s*$/m.test(code);
  if (python && !js) return "python";
  if (!js) return python ? "python" : fallback;
  const ts = /\binterface\s+\w+|\btype\s+\w+\s*=|:\s*(?:string|number|boolean|unknown|any|void|Promise<|Request|Response)\b|\bas\s+const\b|<\w+>\(/.test(code);
  return ts ? "typescript" : "javascript";
}
