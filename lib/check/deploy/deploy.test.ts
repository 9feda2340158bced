import { mkdir, mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, test } from "vitest";
import { timespanSeconds } from "./azure";
import { globMatches } from "./glob";
import { DeployConfigError, readDeployLimit } from "./index";
import { netlifyFunctionName } from "./netlify";
import { parseJsonc } from "./wrangler";

/** A project on disk: files by path; returns what a reader needs for one of them. */
async function project(files: Record<string, string>) {
  const root = await mkdtemp(path.join(tmpdir(), "deadline-deploy-"));
  for (const [name, text] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(root, name)), { recursive: true });
    await writeFile(path.join(root, name), text);
  }
  return (file: string, extra: { entry?: string; plan?: string } = {}) => ({ root, file: path.join(root, file), code: files[file] ?? "", ...extra });
}

describe("serverless.yml", () => {
  // The shape `serverless create --template aws-python3` writes, with per-function settings.
  const SERVERLESS = `service: shop
frameworkVersion: "3"
provider:
  name: aws
  runtime: python3.12
  timeout: 20
functions:
  resize:
    handler: src/images/resize.handler
    timeout: 30
    events:
      - httpApi: "POST /resize"
  thumbs:
    handler: src/images/resize.thumbs
  report:
    handler: src/report.main
`;

  test("the function's own timeout, else provider.timeout; the export becomes the entry", async () => {
    const at = await project({ "serverless.yml": SERVERLESS, "src/images/resize.py": "", "src/report.py": "" });
    expect(readDeployLimit("aws-lambda", at("src/images/resize.py", { entry: "handler" }))).toEqual({ timeout: 30, entry: "handler", source: "serverless.yml functions.resize.timeout" });
    expect(readDeployLimit("aws-lambda", at("src/images/resize.py", { entry: "thumbs" }))).toEqual({ timeout: 20, entry: "thumbs", source: "serverless.yml provider.timeout" });
    expect(readDeployLimit("aws-lambda", at("src/report.py"))).toMatchObject({ timeout: 20, entry: "main" });
  });

  test("nothing set: the Framework's 6 s, not Lambda's 3 s", async () => {
    const at = await project({ "serverless.yml": "service: a\nprovider:\n  name: aws\nfunctions:\n  hello:\n    handler: handler.hello\n", "handler.js": "" });
    expect(readDeployLimit("aws-lambda", at("handler.js"))).toEqual({ timeout: 6, entry: "hello", source: "serverless.yml sets no timeout for hello: the Serverless Framework deploys 6 s" });
  });

  test("two functions on one file need the entry named; a variable is not guessed", async () => {
    const at = await project({ "serverless.yml": SERVERLESS, "src/images/resize.py": "" });
    expect(() => readDeployLimit("aws-lambda", at("src/images/resize.py"))).toThrow("serverless.yml: functions: resize, thumbs all point at src/images/resize");
    const vars = await project({ "serverless.yml": "provider:\n  name: aws\n  timeout: ${self:custom.timeout}\nfunctions:\n  a:\n    handler: a.main\n", "a.py": "" });
    expect(() => readDeployLimit("aws-lambda", vars("a.py"))).toThrow(/^serverless\.yml: provider\.timeout: is \$\{self:custom\.timeout\}, a variable the check does not resolve/);
  });
});

describe("SAM template.yaml", () => {
  // The shape `sam init` (hello-world, python3.12) writes.
  const TEMPLATE = `AWSTemplateFormatVersion: '2010-09-09'
Transform: AWS::Serverless-2016-10-31
Parameters:
  SlowTimeout:
    Type: Number
    Default: 120
Globals:
  Function:
    Timeout: 15
    MemorySize: 128
Resources:
  HelloWorldFunction:
    Type: AWS::Serverless::Function
    Properties:
      CodeUri: hello_world/
      Handler: app.lambda_handler
      Runtime: python3.12
      Events:
        HelloWorld:
          Type: Api
          Properties:
            Path: /hello
            Method: get
  SlowFunction:
    Type: AWS::Serverless::Function
    Properties:
      CodeUri: slow/
      Handler: app.lambda_handler
      Timeout: !Ref SlowTimeout
  ExportFunction:
    Type: AWS::Serverless::Function
    Properties:
      CodeUri: export/
      Handler: app.lambda_handler
      Timeout: !If [IsProd, 60, 30]
Outputs:
  HelloWorldApi:
    Value: !Sub "https://\${ServerlessRestApi}.execute-api.\${AWS::Region}.amazonaws.com/Prod/hello/"
`;

  test("Globals.Function.Timeout, a resource's Timeout, and !Ref to a parameter's Default", async () => {
    const at = await project({ "template.yaml": TEMPLATE, "hello_world/app.py": "", "slow/app.py": "" });
    expect(readDeployLimit("aws-lambda", at("hello_world/app.py"))).toEqual({ timeout: 15, entry: "lambda_handler", source: "template.yaml Globals.Function.Timeout" });
    expect(readDeployLimit("aws-lambda", at("slow/app.py"))).toEqual({ timeout: 120, entry: "lambda_handler", source: "template.yaml Resources.SlowFunction.Properties.Timeout" });
  });

  test("an intrinsic it cannot evaluate is named; nothing set is AWS's 3 s", async () => {
    const at = await project({ "template.yaml": TEMPLATE, "export/app.py": "" });
    expect(() => readDeployLimit("aws-lambda", at("export/app.py"))).toThrow("template.yaml: Resources.ExportFunction.Properties.Timeout: is Fn::If, which the check does not evaluate");
    const bare = await project({ "template.yml": "Resources:\n  Fn:\n    Type: AWS::Lambda::Function\n    Properties:\n      Handler: index.handler\n      Runtime: nodejs20.x\n", "index.mjs": "" });
    expect(readDeployLimit("aws-lambda", bare("index.mjs"))).toMatchObject({ timeout: 3, source: "template.yml sets no Timeout for Fn: AWS's default 3 s" });
  });

  test("no deploy config above the handler is an error saying what to do", async () => {
    const at = await project({ "api/a.py": "" });
    expect(() => readDeployLimit("aws-lambda", at("api/a.py"))).toThrow(DeployConfigError);
    expect(() => readDeployLimit("aws-lambda", at("api/a.py"))).toThrow(/api: has no serverless\.yml or template\.yaml in it or above it/);
  });
});

describe("Vercel", () => {
  test("vercel.json functions patterns; the route's own export wins; \"max\" is the plan's maximum", async () => {
    const at = await project({
      "vercel.json": JSON.stringify({ $schema: "https://openapi.vercel.sh/vercel.json", functions: { "api/*.ts": { maxDuration: 30 }, "app/api/**/route.ts": { maxDuration: "max", memory: 1024 } } }),
      "api/slow.ts": "export async function GET() {}\n",
      "app/api/chat/route.ts": "export async function POST() {}\n",
      "app/api/own/route.ts": "import x from 'y';\nexport const maxDuration = 45;\nexport async function GET() {}\n",
      "api/nested/deep.ts": "",
    });
    expect(readDeployLimit("vercel", at("api/slow.ts"))).toEqual({ timeout: 30, source: 'vercel.json functions["api/*.ts"].maxDuration' });
    expect(readDeployLimit("vercel", at("app/api/chat/route.ts", { plan: "pro-fluid" }))).toEqual({ timeout: 800, source: 'vercel.json functions["app/api/**/route.ts"].maxDuration ("max": the pro-fluid plan\'s 800 s)' });
    expect(readDeployLimit("vercel", at("app/api/own/route.ts"))).toEqual({ timeout: 45, source: "app/api/own/route.ts:2 export const maxDuration" });
    // `*` stays within one folder
    expect(readDeployLimit("vercel", at("api/nested/deep.ts"))).toEqual({ source: "vercel.json sets no maxDuration for api/nested/deep.ts: the plan's default" });
  });

  test("glob patterns as vercel.json keys use them", () => {
    expect(globMatches("api/**/*.ts", "api/a.ts")).toBe(true);
    expect(globMatches("api/**/*.ts", "api/x/y/a.ts")).toBe(true);
    expect(globMatches("api/{a,b}.js", "api/b.js")).toBe(true);
    expect(globMatches("api/{a,b}.js", "api/c.js")).toBe(false);
    expect(globMatches("./api/?.py", "api/x.py")).toBe(true);
  });
});

describe("netlify.toml, host.json, wrangler, Modal", () => {
  test("Netlify: the kind of function from its name, netlify.toml's schedule or the code's config", async () => {
    const at = await project({
      "netlify.toml": '[build]\n  functions = "netlify/functions"\n\n[functions."nightly"]\n  schedule = "@daily"\n',
      "netlify/functions/nightly.ts": "export default async () => {};\n",
      "netlify/functions/import-background.ts": "",
      "netlify/functions/hourly/index.ts": 'export default async () => {};\nexport const config = { schedule: "@hourly" };\n',
      "netlify/functions/hello.mts": "",
    });
    expect(readDeployLimit("netlify", at("netlify/functions/nightly.ts"))).toEqual({ plan: "scheduled", source: "netlify.toml functions.nightly.schedule: a scheduled function" });
    expect(readDeployLimit("netlify", at("netlify/functions/import-background.ts"))).toMatchObject({ plan: "background" });
    expect(readDeployLimit("netlify", at("netlify/functions/hourly/index.ts"))).toMatchObject({ plan: "scheduled" });
    expect(readDeployLimit("netlify", at("netlify/functions/hello.mts"))).toEqual({ plan: "synchronous", source: "netlify.toml schedules no hello: a synchronous function" });
    expect(netlifyFunctionName("/x/netlify/functions/hourly/hourly.ts")).toBe("hourly");
  });

  test("Azure: host.json functionTimeout as a TimeSpan; -1 needs a limit given", async () => {
    const at = await project({ "host.json": JSON.stringify({ version: "2.0", functionTimeout: "00:10:00", logging: { logLevel: { default: "Information" } } }), "function_app.py": "" });
    expect(readDeployLimit("azure-functions", at("function_app.py"))).toEqual({ timeout: 600, source: "host.json functionTimeout 00:10:00" });
    const unbounded = await project({ "host.json": '{ "version": "2.0", "functionTimeout": "-1" }', "function_app.py": "" });
    expect(() => readDeployLimit("azure-functions", unbounded("function_app.py"))).toThrow(/host\.json: functionTimeout: is -1 \(no limit\)/);
    expect(timespanSeconds("1.02:00:30")).toBe(93_630);
    expect(timespanSeconds("00:61:00")).toBeNull();
  });

  test("Cloudflare: limits.cpu_ms in wrangler.toml or wrangler.jsonc sets a CPU limit on Paid", async () => {
    const toml = await project({ "wrangler.toml": 'name = "api"\nmain = "src/index.ts"\ncompatibility_date = "2025-03-01"\n\n[limits]\ncpu_ms = 300_000\n', "src/index.ts": "" });
    expect(readDeployLimit("cloudflare-workers", toml("src/index.ts"))).toEqual({ timeout: 300, plan: "paid", source: "wrangler.toml limits.cpu_ms = 300000 (Workers Paid)" });
    const jsonc = await project({ "wrangler.jsonc": '{\n  // the worker\n  "name": "api", "main": "src/index.ts",\n  "limits": { "cpu_ms": 50, }, /* 50 ms */\n}\n', "src/index.ts": "" });
    expect(readDeployLimit("cloudflare-workers", jsonc("src/index.ts"))).toMatchObject({ timeout: 0.05, plan: "paid" });
    expect(parseJsonc('{"url": "https://a//b", "x": [1,],}')).toEqual({ url: "https://a//b", x: [1] });
    const none = await project({ "wrangler.toml": 'name = "a"\n', "index.js": "" });
    expect(readDeployLimit("cloudflare-workers", none("index.js"))).toEqual({ source: "wrangler.toml sets no limits.cpu_ms: the plan's default" });
  });

  test("Modal: timeout= of the function's decorator, literals and products of them", async () => {
    const code = 'import modal\n\napp = modal.App("x")\n\n@app.function(gpu="A10G",\n    timeout=60 * 60)\ndef train(): ...\n\n@app.function()\ndef quick(): ...\n';
    const at = await project({ "train.py": code });
    expect(readDeployLimit("modal", at("train.py", { entry: "train" }))).toEqual({ timeout: 3600, source: "train.py:6 timeout=3600" });
    expect(readDeployLimit("modal", at("train.py", { entry: "quick" }))).toEqual({ source: "train.py gives no timeout= in the decorator: Modal's default" });
    expect(() => readDeployLimit("modal", at("train.py"))).toThrow(/train \(3600 s\), quick \(default s\) have different timeouts/);
  });

  test("a platform without a deploy config has no reader", async () => {
    const at = await project({ "handler.py": "" });
    expect(readDeployLimit("runpod", at("handler.py"))).toBeNull();
  });
});
