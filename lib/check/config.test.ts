import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, test } from "vitest";
import { ConfigError, loadConfig, parseConfig } from "./config";

const handler = { file: "api/resize.py" };

describe("the config schema", () => {
  test("accepts the documented shape: shares as 0.8 or \"80%\", timeout in seconds or deploy-config, named events, world rules", () => {
    const config = parseConfig({
      maxShare: "75%",
      workers: 2,
      defaults: { latency: { "*": 0.2 } },
      handlers: [
        { ...handler, platform: "aws-lambda", timeout: "deploy-config", events: { small: { seconds: 1 }, large: "@events/large.json" } },
        { file: "app/api/chat/route.ts", timeout: 30, concurrency: 4, maxShare: 0.9, responses: [{ match: "POST api.openai.com/*", status: 429 }], model: ["sharp"], cost: { "sharp().resize().toBuffer": 2 }, env: { MODE: "batch" } },
      ],
    });
    expect(config.maxShare).toBe(0.75);
    expect(config.handlers[1]!.maxShare).toBe(0.9);
    // the response rule's one-answer shorthand is normalised as the world schema does everywhere
    expect(config.handlers[1]!.responses).toEqual([{ match: "POST api.openai.com/*", answers: [{ status: 429 }] }]);
  });

  test.each([
    [{ handlers: [] }, "deadline.config.json: handlers: must list at least one handler"],
    [{ handlers: [{}] }, "deadline.config.json: handlers[0].file: is required: the handler's file, relative to the config"],
    [{ handlers: [{ ...handler, timeout: -2 }] }, /handlers\[0\]\.timeout: must be a number of seconds, or "deploy-config"/],
    [{ handlers: [{ ...handler, timeout: "from serverless" }] }, /handlers\[0\]\.timeout: must be a number of seconds, or "deploy-config"/],
    [{ handlers: [{ ...handler, timout: 3 }] }, 'deadline.config.json: handlers[0]: unknown key "timout"'],
    [{ maxShare: 1.5, handlers: [handler] }, "deadline.config.json: maxShare: must be at most 1 (100 % of the limit)"],
    [{ maxShare: "120%", handlers: [handler] }, /maxShare: must be more than 0 % and at most 100 %/],
    [{ handlers: [{ ...handler, latency: { "api.openai.com": "slow" } }] }, /handlers\[0\]\.latency\.api\.openai\.com: latency must be a number of seconds/],
    [{ handlers: [{ ...handler, env: { "NOT A NAME": "x" } }] }, /handlers\[0\]\.env\.NOT A NAME: environment variable names/],
    [{ workers: 0, handlers: [handler] }, "deadline.config.json: workers: must be 1 or more"],
    [{ handlers: [{ ...handler, concurrency: 0 }] }, "deadline.config.json: handlers[0].concurrency: must be 1 or more"],
  ])("rejects %j naming the file, the key and the reason", (input, message) => {
    expect(() => parseConfig(input)).toThrow(ConfigError);
    expect(() => parseConfig(input)).toThrow(message);
  });
});

describe("loading", () => {
  async function dir(files: Record<string, string>) {
    const root = await mkdtemp(path.join(tmpdir(), "deadline-config-"));
    for (const [name, text] of Object.entries(files)) await writeFile(path.join(root, name), text);
    return root;
  }

  test("deadline.config.json first, then package.json's \"deadline\" key, whose errors say deadline.<key>", async () => {
    const both = await dir({ "deadline.config.json": JSON.stringify({ handlers: [handler] }), "package.json": JSON.stringify({ deadline: { handlers: [{ file: "other.py" }] } }) });
    expect(loadConfig(both)).toMatchObject({ file: "deadline.config.json", config: { handlers: [handler] } });
    const pkg = await dir({ "package.json": JSON.stringify({ name: "x", deadline: { handlers: [{ file: "a.py", timeout: 0 }] } }) });
    expect(() => loadConfig(pkg)).toThrow(/^package\.json: deadline\.handlers\[0\]\.timeout: /);
  });

  test("a missing or broken file is an error that says what to do", async () => {
    const empty = await dir({});
    expect(() => loadConfig(empty)).toThrow(/deadline\.config\.json: not found in .*run deadline check --init/);
    const broken = await dir({ "deadline.config.json": "{ handlers: [" });
    expect(() => loadConfig(broken)).toThrow(/^deadline\.config\.json: is not valid JSON/);
    const bare = await dir({ "package.json": "{}" });
    expect(() => loadConfig(bare, "package.json")).toThrow('package.json: deadline: is missing: add a "deadline" key');
  });
});
