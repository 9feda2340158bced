import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createNodeSimulator } from "../node/simulator";
import { createPythonProjectFiles } from "../node/python-project";
import type { SimulationRequest, SimulationResult } from "../types";
import type { PythonPreset } from "./engine";
import { lambda, py, runpod, testEngine } from "./test-engine";
import { expectSeconds } from "../virtual-time.fixture";

let run: (code: string, preset?: PythonPreset, extra?: Partial<SimulationRequest>) => Promise<SimulationResult>;
let base: string;

/** Writes files (path → text) under a fresh folder and returns it. */
function project(name: string, files: Record<string, string>): string {
  const root = join(base, name);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

beforeAll(async () => {
  base = mkdtempSync(join(tmpdir(), "deadline-project-"));
  // Small caps, so passing one needs no large file.
  run = await testEngine({ projectFiles: (spec) => createPythonProjectFiles(spec, { fileBytes: 2000, totalBytes: 100_000, files: 50 }) });
});

afterAll(() => rmSync(base, { recursive: true, force: true }));

describe("a handler's own project", () => {
  test("cog.yaml beside a Cog predictor: predict: names the class, environment: sets COG_SETUP_TIMEOUT", async () => {
    const replicate: PythonPreset = { id: "replicate", plan: "prediction", clock: "wall", timeout: 1800, countsInit: false, initTimeout: 600, message: () => "timed out" };
    const root = project("cog yaml", { "cog.yaml": [
      "build:",
      '  python_version: "3.12"',
      'predict: "predict.py:Model"',
      "environment:",
      "  - COG_SETUP_TIMEOUT=10  # fail fast",
      "",
    ].join("\n") });
    const code = `
      import time
      from cog import BasePredictor

      class Model(BasePredictor):
          def setup(self):
              time.sleep(15)

          def predict(self) -> str:
              return "ok"
    `;
    const r = await run(code, replicate, { project: { root } });
    expect(r).toMatchObject({ verdict: "timeout", line: 6, deadlineSeconds: 10, elapsedSeconds: 10 });
    expect(r.notes?.some((n) => /COG_SETUP_TIMEOUT=10 s: Cog fails the setup/.test(n.text))).toBe(true);
    // Alone, without cog.yaml, a class named Model is not what Cog loads.
    const alone = await run(code, replicate);
    expect(alone.error?.message).toMatch(/^module 'handler' has no Runner or Predictor: Cog loads the class cog.yaml names/);
  });


  test("gunicorn.conf.py beside the app sets workers and timeout for simultaneous requests; a computed value is noted, not guessed", async () => {
    const app = `
      import time
      from flask import Flask
      app = Flask(__name__)

      @app.get("/")
      def index():
          time.sleep(25)
          return "ok"
    `;
    const gunicorn: PythonPreset = { id: "gunicorn", plan: "sync", clock: "wall", timeout: 30, countsInit: false, message: () => "WORKER TIMEOUT" };
    const root = project("gunicorn conf", { "gunicorn.conf.py": py(`
      import multiprocessing
      workers = 2
      timeout = 20
      threads = multiprocessing.cpu_count()
    `) });
    const r = await run(app, gunicorn, { project: { root }, concurrency: 2, event: { method: "GET", path: "/" } });
    // Two workers take one request each; the file's 20 s timeout kills both (the run gave none).
    expect(r.requests?.map((q) => [q.verdict, q.worker, Math.round(q.elapsedSeconds)])).toEqual([
      ["timeout", 1, 20],
      ["timeout", 2, 20],
    ]);
    expect(r.notes?.some((n) => n.text === "--timeout is 20 s, from gunicorn.conf.py line 3")).toBe(true);
    expect(r.notes?.some((n) => /gunicorn.conf.py line 4 computes threads; the simulator reads only literal values/.test(n.text))).toBe(true);
    // The run's own timeout is the command line's --timeout, read last: it wins, and the note says so.
    const given = await run(app, gunicorn, { project: { root }, concurrency: 2, timeout: 30, event: { method: "GET", path: "/" } });
    expect(given).toMatchObject({ verdict: "ok" });
    expect(given.notes?.some((n) => /sets timeout = 20, but the run's timeout \(30 s\) is the command line's --timeout/.test(n.text))).toBe(true);
  });


  test("sibling modules load from the handler's folder and run on the virtual clock; spans carry the handler's line", async () => {
    const root = project("sibling modules", {
      "utils.py": py(`
        import time
        def resize(image):
            time.sleep(3)
            return image + " (resized)"
      `),
      "config/__init__.py": "STEPS = 30\n",
      "config/models.py": "NAME = 'sdxl'\n",
    });
    const r = await run(`
      from utils import resize
      from config import STEPS
      from config.models import NAME
      import json

      def handler(job):
          return [resize("cat.png"), STEPS, NAME, json.dumps(1)]
    `, runpod, { project: { root } });
    expect(r).toMatchObject({ verdict: "ok", result: ["cat.png (resized)", 30, "sdxl", "1"] });
    expectSeconds(r.elapsedSeconds, 3);
    expect(r.timeline.find((s) => s.kind === "sleep")).toMatchObject({ line: 7, label: "time.sleep(3)" });
  });

  test("a file named like a standard-library module does not replace it", async () => {
    const root = project("stdlib shadow", { "json.py": "raise RuntimeError('the project json ran')\n" });
    const r = await run(`
      import json
      def handler(job):
          return json.dumps([1])
    `, runpod, { project: { root } });
    expect(r).toMatchObject({ verdict: "ok", result: "[1]" });
  });

  test("relative imports work when the handler's folder is a package, and say why not when it is not", async () => {
    const pkg = project("a package", { "__init__.py": "", "helpers.py": "def double(x):\n    return 2 * x\n" });
    const ok = await run(`
      from .helpers import double
      from . import helpers
      def lambda_handler(event, context):
          return [double(2), helpers.double(5)]
    `, lambda, { project: { root: pkg } });
    expect(ok).toMatchObject({ verdict: "ok", result: [4, 10] });

    const flat = project("not a package", { "helpers.py": "def double(x):\n    return 2 * x\n" });
    const r = await run(`
      from .helpers import double
      def lambda_handler(event, context):
          return double(2)
    `, lambda, { project: { root: flat } });
    expect(r.error?.type).toBe("ImportsUnavailable");
    expect(r.error?.imports?.[0]).toMatchObject({ module: ".helpers", line: 1 });
    expect(r.error?.imports?.[0]?.hint).toMatch(/not a package \(it has no __init__\.py\)/);

    // The editor sends no project: a relative import is another file it does not hold.
    const editor = await run(`
      from .helpers import double
      def lambda_handler(event, context):
          return double(2)
    `, lambda);
    expect(editor.error?.imports?.[0]?.hint).toMatch(/^the editor holds one file, and \.helpers is another file of your project/);
  });

  test("--python-path: pure packages load; native ones are reported by name with the modelling hint", async () => {
    const site = project("site-packages", {
      "slowlib/__init__.py": "import time\ndef fetch():\n    time.sleep(2)\n    return 'fetched'\n",
      "fastmath/__init__.py": "from ._core import add\n",
      "fastmath/_core.cpython-312-x86_64-linux-gnu.so": "\x7fELF",
      "gpulib/__init__.py": "",
      "gpulib-1.0.dist-info/RECORD": "gpulib/__init__.py,sha256=x,0\ngpulib/_kernels.cpython-312-x86_64-linux-gnu.so,sha256=y,10\n",
      "ujson.cpython-312-x86_64-linux-gnu.so": "\x7fELF",
    });
    const root = project("uses site-packages", {});
    const code = `
      import slowlib
      import fastmath
      import gpulib
      import ujson
      def handler(job):
          return slowlib.fetch()
    `;
    const r = await run(code, runpod, { project: { root, pythonPath: [site] } });
    expect(r.error?.type).toBe("ImportsUnavailable");
    expect(r.error?.imports?.map((i) => i.module)).toEqual(["fastmath", "gpulib", "ujson"]);
    expect(r.error?.imports?.[0]?.hint).toMatch(/^fastmath has native code \(fastmath\/_core\.cpython-312-x86_64-linux-gnu\.so\), and the simulator runs pure Python only: model it \(--model fastmath/);
    expect(r.error?.imports?.[1]?.hint).toMatch(/gpulib\/_kernels\.cpython-312-x86_64-linux-gnu\.so/);

    const modelled = await run(code, runpod, { project: { root, pythonPath: [site] }, model: ["fastmath", "gpulib", "ujson"] });
    expect(modelled).toMatchObject({ verdict: "ok", result: "fetched" });
    expectSeconds(modelled.elapsedSeconds, 2);
  });

  test("an import nothing provides says where the simulator looked", async () => {
    const root = project("missing library", {});
    const r = await run(`
      import tenacity_like
      def handler(job):
          return 1
    `, runpod, { project: { root } });
    expect(r.error?.imports?.[0]?.hint).toMatch(/not in the handler's folder nor in any --python-path folder/);
  });

  test("a project file past the size cap is an ImportError naming the file and the cap, on the import line", async () => {
    const root = project("big file", { "weights.py": `DATA = "${"x".repeat(3000)}"\n` });
    const r = await run(`
      import json
      def handler(job):
          import weights
          return len(weights.DATA)
    `, runpod, { project: { root } });
    expect(r).toMatchObject({ verdict: "error", line: 3, error: { type: "ImportError", line: 3 } });
    expect(r.error?.message).toContain(join(root, "weights.py"));
    expect(r.error?.message).toMatch(/weights\.py is 3 KB: the simulator reads project files up to 2 KB each; model the module instead \(--model\)$/);
  });

  test("the scan follows the handler's own modules: their unavailable imports are reported on the handler's line", async () => {
    const root = project("module with torch", {
      "model.py": "import torch\nfrom weights import path\n\ndef load():\n    return torch.load(path)\n",
      "weights.py": "import safetensors\npath = 'w.pt'\n",
      "app/__init__.py": "",
      "app/routes.py": "from .schemas import Item\n",
      "app/schemas.py": "import stripe\nItem = dict\n",
      "loose.py": "from .nowhere import x\n",
    });
    const r = await run(`
      import json
      from model import load
      import app.routes
      def handler(job):
          return str(load())
    `, runpod, { project: { root } });
    expect(r.error?.type).toBe("ImportsUnavailable");
    expect(r.error?.imports?.map((i) => [i.module, i.line])).toEqual([
      ["torch", 2],
      ["safetensors", 2],
      ["stripe", 3],
    ]);
    expect(r.error?.imports?.[0]?.hint).toMatch(/^model\.py imports it \(line 1\): model it \(--model torch/);
    expect(r.error?.imports?.[1]?.hint).toMatch(/^weights\.py imports it \(line 1\)/);
    expect(r.error?.imports?.[2]?.hint).toMatch(/^schemas\.py imports it \(line 1\)/);

    // A module at the top of a folder that is not a package cannot import relatively.
    const loose = await run(`
      import loose
      def handler(job):
          return 1
    `, runpod, { project: { root } });
    expect(loose.error?.imports?.[0]).toMatchObject({ module: ".nowhere", line: 1 });
    expect(loose.error?.imports?.[0]?.hint).toMatch(/^loose\.py imports it \(line 1\): \.nowhere is a relative import, but the handler's folder is not a package/);

    const modelled = await run(`
      from model import load
      def handler(job):
          return str(load())
    `, runpod, { project: { root }, model: ["torch", "safetensors"], cost: { "torch.load": 4 } });
    expect(modelled).toMatchObject({ verdict: "ok", result: "<modelled torch.load()>" });
    // The call is in model.py; the span carries the handler's line that led there.
    expect(modelled.timeline.find((s) => s.kind === "modelled")).toMatchObject({ line: 3, cost: "torch.load" });
  });
});

describe("the Node worker host reads the project from disk", () => {
  const simulator = createNodeSimulator({ hardLimitMs: 20_000 });
  afterAll(() => simulator.close());

  test("a CLI-style request with request.project loads sibling modules; a missing --python-path folder is a usage error", async () => {
    const root = project("worker host", { "steps.py": "import time\ndef work():\n    time.sleep(4)\n    return 'worked'\n" });
    const r = await simulator.simulate({
      language: "python",
      platform: "aws-lambda",
      timeout: 3,
      code: "from steps import work\n\ndef lambda_handler(event, context):\n    return work()\n",
      project: { root },
    });
    expect(r).toMatchObject({ verdict: "timeout", elapsedSeconds: 3, line: 4 });
    await expect(
      simulator.simulate({ language: "python", platform: "aws-lambda", code: "x = 1\n", project: { root, pythonPath: [join(root, "no-such-venv")] } }),
    ).rejects.toThrow(/--python-path .*no-such-venv is not a folder/);
  });
});
