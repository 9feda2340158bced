import { expect, test } from "./fixtures";
import { openEditor, replaceCode } from "./editor-helpers";

// A real handler as people have it: a RunPod worker that queues a ComfyUI workflow and polls its
// history until the outputs appear, with torch imported for the GPU. The world around it (ComfyUI's
// answers, the GPU call's time) is given in the editor's rows, never written into the code.
test.setTimeout(120_000);

const WORKER = `import json
import time
import urllib.request

import runpod
import torch

COMFY = "http://127.0.0.1:8188"


def queue_prompt(workflow):
    data = json.dumps({"prompt": workflow}).encode()
    with urllib.request.urlopen(urllib.request.Request(f"{COMFY}/prompt", data=data)) as r:
        return json.loads(r.read())["prompt_id"]


def get_history(prompt_id):
    with urllib.request.urlopen(f"{COMFY}/history/{prompt_id}") as r:
        return json.loads(r.read())


def handler(job):
    torch.cuda.empty_cache()
    prompt_id = queue_prompt(job["input"]["workflow"])
    while True:
        history = get_history(prompt_id)
        if prompt_id in history:
            return {"images": history[prompt_id]["outputs"]}
        time.sleep(1)


runpod.serverless.start({"handler": handler})
`;

test("a ComfyUI-style worker polls its status URL: response and cost rules in the editor decide the verdict, and the modelled call shows", async ({ page }) => {
  await openEditor(page);
  await replaceCode(page, WORKER, "runpod.serverless.start");
  // The article's own rules model its SDXL pair; this worker starts from none.
  await page.getByLabel(/^Modelled modules/).fill("");
  while ((await page.getByRole("button", { name: /^Remove cost/ }).count()) > 0) await page.getByRole("button", { name: /^Remove cost/ }).first().click();
  await page.getByRole("combobox", { name: /^Platform/ }).selectOption("runpod");
  await page.getByLabel(/^Timeout/).fill("60");
  await page.getByLabel(/^Event/).fill('{"input": {"workflow": {"3": {"class_type": "KSampler"}}}}');

  // Without a model rule the run stops before it starts, naming the import and what to do.
  await page.getByRole("button", { name: /^Run/ }).click();
  await expect(page.getByTestId("verdict")).toContainText("not available in the simulator", { timeout: 60_000 });
  await expect(page.locator(".import-list")).toContainText("torch");

  await page.getByLabel(/^Modelled modules/).fill("torch");
  await page.getByRole("button", { name: "Add cost" }).click();
  await page.getByLabel("Cost 1 call").fill("torch.cuda.empty_cache");
  await page.getByLabel("Seconds for cost 1").fill("2");
  await page.getByRole("button", { name: "Add response" }).click();
  await page.getByLabel("Response 1 URL").fill("POST 127.0.0.1:8188/prompt");
  await page.getByLabel("Response 1 answers").fill('200 {"prompt_id": "p-1"}');
  await page.getByRole("button", { name: "Add response" }).click();
  await page.getByLabel("Response 2 URL").fill("GET 127.0.0.1:8188/history/*");
  await page.getByLabel("Response 2 answers").fill('5x 200 {}; 200 {"{{1}}": {"outputs": {"9": {"images": ["out.png"]}}}}');

  await page.getByRole("button", { name: /^Run/ }).click();
  await expect(page.getByTestId("verdict")).toContainText(/Finished in (6|7)\.\d s of a 60\.0 s limit/, { timeout: 30_000 });
  await expect(page.getByTestId("verdict")).toContainText("Includes 1 modelled call");
  await expect(page.locator(".return-value")).toContainText("out.png");
  await expect(page.locator(".timeline-row", { hasText: "torch.cuda.empty_cache" })).toBeVisible();
  await expect(page.locator(".timeline-bar.timeline-modelled")).toHaveCount(1);

  // A malformed rule is explained where it is typed and blocks Run.
  await page.getByLabel("Response 2 answers").fill("soon");
  await expect(page.locator(".response-row .field-error")).toContainText("expected a status");
  await expect(page.getByRole("button", { name: /^Run/ })).toBeDisabled();

  // ComfyUI never finishes the workflow: the job runs into the execution timeout while polling.
  await page.getByLabel("Response 2 answers").fill("200 {}");
  await page.getByLabel(/^Timeout/).fill("30");
  await page.getByRole("button", { name: /^Run/ }).click();
  await expect(page.getByTestId("verdict")).toContainText(/Timed out at 30\.0 s at line 29\b/, { timeout: 30_000 });
});
