import { describe, expect, test } from "vitest";
import { detectLanguage, templateFor } from "./templates";

describe("detectLanguage", () => {
  test.each([
    ["import runpod\n\ndef handler(job):\n    return 1\n", "python"],
    ["from x import y\nasync def main():\n    pass\n", "python"],
    ["exports.handler = async (event) => {\n  return 1;\n};\n", "javascript"],
    ["export default { async fetch(req) { return new Response('x') } }", "javascript"],
    ["export async function GET(request: Request) {\n  return Response.json({});\n}\n", "typescript"],
    ["type Event = { id: string };\nexport const handler = async (e: Event) => e.id;\n", "typescript"],
  ] as const)("%#: %s", (code, language) => {
    expect(detectLanguage(code)).toBe(language);
  });

  test("empty text keeps the fallback", () => {
    expect(detectLanguage("", "typescript")).toBe("typescript");
  });
});

describe("templateFor", () => {
  test("each template is detected as the language it was made for", () => {
    for (const platform of ["runpod", "aws-lambda", "cloudflare-workers", "vercel", "supabase-edge"]) {
      for (const language of ["python", "javascript", "typescript"] as const) {
        if (language === "python" && !["runpod", "aws-lambda"].includes(platform)) continue;
        expect(detectLanguage(templateFor(platform, language)), `${platform} ${language}`).toBe(language);
      }
    }
  });
});
