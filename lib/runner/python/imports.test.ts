import { beforeAll, describe, expect, test } from "vitest";
import type { SimulationRequest, SimulationResult } from "../types";
import type { PythonPreset } from "./engine";
import { lambda, runpod, testEngine } from "./test-engine";
import { expectSeconds } from "../virtual-time.fixture";

let run: (code: string, preset?: PythonPreset, extra?: Partial<SimulationRequest>) => Promise<SimulationResult>;

beforeAll(async () => {
  run = await testEngine();
});

describe("every import answered in one run", () => {
  test("all unavailable imports are listed in line order, module level and inside functions, and nothing runs", async () => {
    const r = await run(`
      import os, json
      import torch
      from diffusers import StableDiffusionPipeline
      import requests
      print("init ran")

      def handler(job):
          import whisper
          from utils import resize
          return 1
    `);
    expect(r.verdict).toBe("error");
    expect(r.error?.type).toBe("ImportsUnavailable");
    expect(r.error?.imports?.map((i) => [i.module, i.line])).toEqual([
      ["torch", 2],
      ["diffusers", 3],
      ["whisper", 8],
      ["utils", 9],
    ]);
    expect(r.line).toBe(2);
    expect(r.error?.line).toBe(2);
    expect(r.stdout).not.toContain("init ran");
    const lines = r.error!.message.split("\n");
    expect(lines[0]).toBe("the simulator cannot provide 4 imports of this file, so it did not run it:");
    expect(lines.slice(1).map((l) => /^ {2}line \d+: [\w.]+/.exec(l)?.[0])).toEqual(["  line 2: torch", "  line 3: diffusers", "  line 8: whisper", "  line 9: utils"]);
    expect(r.error?.imports?.[1]?.hint).toContain("--cost 'diffusers.*.from_pretrained=40'");
    // A sibling file in the editor: the hint says the editor holds one file and what to do.
    expect(r.error?.imports?.[3]?.hint).toMatch(/editor holds one file.*deadline simulate/);
    expect(r.error?.message).not.toMatch(/\/deadline\//);
  });

  test("optional imports are skipped: try/except ImportError, except Exception, bare except, TYPE_CHECKING", async () => {
    const r = await run(`
      from typing import TYPE_CHECKING
      try:
          import ujson as json
      except ImportError:
          import json
      try:
          import torch
      except Exception:
          torch = None
      try:
          import numpy
      except:
          numpy = None
      if TYPE_CHECKING:
          from mypy_boto3_s3 import S3Client

      def handler(job):
          return [json.dumps(1), torch is None, numpy is None]
    `);
    expect(r).toMatchObject({ verdict: "ok", result: [["1"].join(""), true, true] });
  });

  test("an import guarded by the wrong exception is not optional", async () => {
    const r = await run(`
      try:
          import torch
      except KeyError:
          torch = None
      def handler(job):
          return 1
    `);
    expect(r.error?.imports).toEqual([expect.objectContaining({ module: "torch", line: 2 })]);
  });

  test("standard-library modules Pyodide leaves out are named as such", async () => {
    const r = await run(`
      import tkinter
      def handler(job):
          return 1
    `);
    expect(r.error?.imports?.[0]?.hint).toMatch(/part of Python's standard library, but not of the sandbox's/);
  });

  test("a stub that lacks a submodule or name is reported with the full name, never a simulator path", async () => {
    const r = await run(`
      import runpod
      from runpod.serverless.utils import rp_volume_cache
      def handler(job):
          return 1
    `);
    expect(r.error?.imports).toEqual([expect.objectContaining({ module: "runpod.serverless.utils.rp_volume_cache", line: 2 })]);
    expect(r.error?.imports?.[0]?.hint).toMatch(/the simulator's runpod covers/);
    expect(r.error?.imports?.[0]?.hint).toContain("--model runpod.serverless.utils.rp_volume_cache");
    // Modelled, the same file runs, and the modelled function is a modelled call.
    const modelled = await run(`
      import runpod
      from runpod.serverless.utils import rp_volume_cache
      def handler(job):
          rp_volume_cache.VolumeCache().load()
          return "checked"
      runpod.serverless.start({"handler": handler})
    `, runpod, { model: ["runpod.serverless.utils.rp_volume_cache"], cost: { "rp_volume_cache.VolumeCache().load": 3 } });
    expect(modelled).toMatchObject({ verdict: "ok", result: { output: "checked" } });
    expect(modelled.timeline.find((s) => s.kind === "modelled" && s.cost)).toMatchObject({ line: 4, cost: "rp_volume_cache.VolumeCache().load", label: "modelled: rp_volume_cache.VolumeCache().load()" });
  });

  test("an import made at run time (importlib) still fails with the hint, not a bare No module named", async () => {
    const r = await run(`
      import importlib
      def lambda_handler(event, context):
          return importlib.import_module("torch")
    `, lambda);
    expect(r.error).toMatchObject({ type: "ModuleNotFoundError", line: 3 });
    expect(r.error?.message).toMatch(/^torch is not available in the simulator: model it/);
  });

  test("availability checks see what CPython would: find_spec is None, a caught ImportError says No module named", async () => {
    const r = await run(`
      import importlib.util
      if importlib.util.find_spec("xformers") is not None:
          import xformers
      def lambda_handler(event, context):
          try:
              import xformers
              caught = None
          except ImportError as error:
              caught = str(error)
          return [importlib.util.find_spec("xformers") is None, importlib.util.find_spec("json") is None, caught]
    `, lambda);
    expect(r).toMatchObject({ verdict: "ok", result: [true, false, "No module named 'xformers'"] });
  });

  test("`*` models every import nothing else provides; stubs and the standard library stay real", async () => {
    const r = await run(`
      import json, requests
      import torch
      from company_sdk import Client
      def lambda_handler(event, context):
          Client().send(event)
          return [json.dumps({"a": 1}), requests.get("https://api.example.com/x", timeout=5).status_code, str(torch.cuda.is_available())]
    `, lambda, { model: ["*"] });
    expect(r).toMatchObject({ verdict: "ok", result: ['{"a": 1}', 200, "<modelled torch.cuda.is_available()>"] });
  });

  test("a syntax error still reports its line (the scan parses first)", async () => {
    const r = await run(`
      import torch
      def handler(job)
          return 1
    `);
    expect(r).toMatchObject({ verdict: "error", error: { type: "SyntaxError", line: 2 } });
  });
});

describe("errors in the platform's words, not the sandbox's", () => {
  test("a missing file reports Linux's errno, not emscripten's", async () => {
    const r = await run(`
      def handler(job):
          return open("/models/weights.bin", "rb").read()
    `);
    expect(r.error).toMatchObject({ type: "FileNotFoundError", line: 2, message: "[Errno 2] No such file or directory: '/models/weights.bin'" });
  });
});

describe("starting programs and loading native code", () => {
  test("subprocess.run fails clearly on the user's line instead of with emscripten's OSError", async () => {
    const r = await run(`
      import subprocess
      def handler(job):
          try:
              subprocess.run(["ffmpeg", "-i", "in.mp4", "out.mp3"], check=True)
          except OSError:
              return "swallowed"
          return "ran"
    `);
    expect(r).toMatchObject({ verdict: "error", line: 4, error: { type: "ProcessUnavailable", line: 4 } });
    expect(r.error?.message).toBe(
      "starting programs is not available in a browser sandbox: model it with --model subprocess (a Modelled modules row in the editor, simulate.model in an article) and give it a cost, e.g. --cost 'subprocess:ffmpeg=12'",
    );
  });

  test("os.system never reaches a real shell; multiprocessing and ctypes say what to model", async () => {
    for (const [code, what] of [
      ["import os\ndef handler(job):\n    return os.system('echo hi > /tmp/deadline-escape')\n", /os\.system.*--model subprocess/],
      ["import multiprocessing\ndef work():\n    pass\ndef handler(job):\n    multiprocessing.Process(target=work).start()\n", /multiprocessing.*--model multiprocessing/],
      ["import concurrent.futures as cf\ndef handler(job):\n    return cf.ProcessPoolExecutor(2).submit(abs, -1).result()\n", /ProcessPoolExecutor.*--model multiprocessing/],
      ["import ctypes\ndef handler(job):\n    return ctypes.CDLL('libcuda.so.1')\n", /libcuda\.so\.1.*--model ctypes/],
    ] as const) {
      const r = await run(code);
      expect(r.error?.type, code).toBe("ProcessUnavailable");
      expect(r.error?.message, code).toMatch(what);
    }
  });

  test("subprocess modelled: run completes after the program's cost; Popen overlaps until wait()", async () => {
    const r = await run(`
      import subprocess, time
      def handler(job):
          done = subprocess.run(["/usr/bin/ffmpeg", "-i", "a.mp4", "b.mp3"], capture_output=True, text=True)
          p = subprocess.Popen(["ffmpeg", "-i", "b.mp3", "c.wav"])
          time.sleep(5)
          p.wait()
          return [done.returncode, done.stdout, p.returncode]
    `, runpod, { model: ["subprocess"], cost: { "subprocess:ffmpeg": 12 } });
    expect(r).toMatchObject({ verdict: "ok", result: [0, "", 0] });
    expectSeconds(r.elapsedSeconds, 24);
    const spans = r.timeline.filter((s) => s.kind === "modelled");
    expect(spans).toHaveLength(2);
    expect(spans[0]).toMatchObject({ line: 3, cost: "subprocess:ffmpeg" });
    expect(spans[0]!.end - spans[0]!.start).toBeCloseTo(12, 1);
    expect(spans[1]).toMatchObject({ line: 4, cost: "subprocess:ffmpeg" });
    expect(r.timeline.find((s) => s.kind === "timer" && s.line === 6)?.label).toBe("waiting for a thread");
  });

  test("multiprocessing modelled: a Pool's work runs in-process, overlapping like threads", async () => {
    const r = await run(`
      import time
      from multiprocessing import Pool
      def work(n):
          time.sleep(10)
          return n * 2
      def handler(job):
          with Pool(2) as pool:
              return pool.map(work, [1, 2, 3, 4])
    `, runpod, { model: ["multiprocessing"] });
    expect(r).toMatchObject({ verdict: "ok", result: [2, 4, 6, 8] });
    expectSeconds(r.elapsedSeconds, 20);
  });
});
