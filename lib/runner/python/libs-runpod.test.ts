import { describe, expect, test } from "vitest";
import { parseWorld } from "../world";
import { network, run, runpod, sleeps } from "./libs.fixture";

describe("runpod client and utilities (runpod-python 1.12.0)", () => {
  test("no api_key: the SDK's RuntimeError; run_sync waits out /runsync's 90 s, then polls /status once a second", async () => {
    const r = await run(
      `
      import runpod, time
      def lambda_handler(event, context):
          try:
              runpod.Endpoint("abc")
          except RuntimeError as e:
              missing = str(e)
          runpod.api_key = "key"
          t = time.monotonic()
          out = runpod.Endpoint("abc").run_sync({"prompt": "x"}, timeout=300)
          return [missing, out, round(time.monotonic() - t)]
    `,
      { latency: { "api.runpod.ai": 100 } },
    );
    const [missing, output, took] = r.result as [string, unknown, number];
    expect(missing).toBe(
      "Expected `run_pod.api_key` to be initialized. You can solve this by setting `run_pod.api_key = 'your-key'. An API key can be generated at https://console.runpod.io/user/settings",
    );
    expect(output).toEqual({ ok: true });
    expect(took).toBeGreaterThanOrEqual(100);
    expect(took).toBeLessThanOrEqual(102);
    expect(network(r)[0]).toMatchObject({ label: "POST https://api.runpod.ai/v2/abc/runsync", answer: "service" });
    expect(sleeps(r).every((s) => s.label === "time.sleep(1)")).toBe(true);
  });

  test("rp_cuda.is_available() answers for the platform's machine (a RunPod GPU worker: True), with a note, and runs no program", async () => {
    const code = `
      import runpod
      from runpod.serverless.utils import rp_cuda

      def handler(job):
          return {"device": "cuda" if rp_cuda.is_available() else "cpu", "again": rp_cuda.is_available()}

      runpod.serverless.start({"handler": handler})
    `;
    const onRunpod = await run(code, {}, runpod);
    expect(onRunpod).toMatchObject({ verdict: "ok", result: { output: { device: "cuda", again: true } } });
    const notes = (onRunpod.notes ?? []).filter((n) => /rp_cuda\.is_available\(\)/.test(n.text));
    expect(notes).toHaveLength(1);
    expect(notes[0]?.text).toMatch(/answered True: runpod-python runs nvidia-smi .*a CPU endpoint would answer False/);
    // Not a subprocess: nothing needs modelling, and no modelled span appears.
    expect(onRunpod.timeline.some((s) => s.kind === "modelled")).toBe(false);

    const elsewhere = await run(`
      from runpod.serverless.utils import rp_cuda
      def lambda_handler(event, context):
          return rp_cuda.is_available()
    `);
    expect(elsewhere).toMatchObject({ verdict: "ok", result: false });
    expect(elsewhere.notes?.some((n) => /answered False: .*platform \(aws-lambda\) gives no GPU/.test(n.text))).toBe(true);
  });

  test("Job.output(timeout=5) counts polls, not seconds, and gives up with TimeoutError('Job timed out.'); health() has the documented shape", async () => {
    const r = await run(
      `
      import runpod
      def lambda_handler(event, context):
          runpod.api_key = "key"
          ep = runpod.Endpoint("abc")
          job = ep.run({"input": {}})
          try:
              job.output(timeout=5)
          except TimeoutError as e:
              return [str(e), sorted(ep.health()), job.cancel()["status"]]
    `,
      { latency: { "api.runpod.ai": 600 } },
    );
    expect(r.result).toEqual(["Job timed out.", ["jobs", "workers"], "CANCELLED"]);
    expect(sleeps(r)).toHaveLength(5);
  });

  test("the endpoint's https calls get no retries (the SDK mounts its Retry on http:// only): a 429 raises HTTPError at once", async () => {
    const r = await run(
      `
      import runpod
      def lambda_handler(event, context):
          runpod.api_key = "key"
          runpod.Endpoint("abc").run({"x": 1})
    `,
      parseWorld({ responses: [{ match: "POST api.runpod.ai/v2/abc/run", status: 429 }] }),
    );
    expect(r.error).toMatchObject({
      type: "requests.exceptions.HTTPError",
      message: "429 Client Error: Too Many Requests for url: https://api.runpod.ai/v2/abc/run",
    });
    expect(network(r)).toHaveLength(1);
  });

  test("rp_upload without BUCKET_ENDPOINT_URL saves locally with the SDK's warning; with it, PUTs to the bucket host", async () => {
    const r = await run(`
      import os
      from runpod.serverless.utils import rp_upload
      def lambda_handler(event, context):
          local = rp_upload.upload_in_memory_object("a.png", b"png")
          os.environ.update(BUCKET_ENDPOINT_URL="https://s3.us-west-1.wasabisys.com", BUCKET_ACCESS_KEY_ID="a", BUCKET_SECRET_ACCESS_KEY="b")
          url = rp_upload.upload_in_memory_object("a.png", b"png", bucket_name="outputs")
          return [local, url.split("?")[0], "X-Amz-Expires=604800" in url]
    `);
    expect(r.result).toEqual(["local_upload/a.png", "https://outputs.s3.us-west-1.wasabisys.com/a.png", true]);
    expect(r.stdout).toContain("No bucket endpoint set, saving to disk folder 'local_upload'.");
    expect(network(r).map((s) => s.label)).toEqual(["PUT https://outputs.s3.us-west-1.wasabisys.com/a.png [s3.PutObject]"]);
  });

  test("download_files_from_urls: one GET per URL, three tries with backoff for a failing one, None for it", async () => {
    const r = await run(
      `
      from runpod.serverless.utils import download_files_from_urls
      def lambda_handler(event, context):
          paths = download_files_from_urls("job-1", ["https://files.example.com/a.png", "https://bad.example.com/b.png"])
          return [paths[0].endswith(".png"), paths[1]]
    `,
      parseWorld({ responses: [{ match: "bad.example.com", status: 500 }] }),
    );
    expect(r.result).toEqual([true, null]);
    expect(network(r).filter((s) => s.host === "bad.example.com")).toHaveLength(3);
    expect(r.stdout).toContain("Failed to download https://bad.example.com/b.png: 500 Server Error");
  });
});
