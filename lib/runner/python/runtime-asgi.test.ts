import { beforeAll, describe, expect, test } from "vitest";
import { prepare } from "../prepare";
import type { SimulationRequest, SimulationResult } from "../types";
import type { PythonPreset } from "./engine";
import { testEngine } from "./test-engine";
import { expectSeconds } from "../virtual-time.fixture";

let run: (code: string, preset?: PythonPreset, extra?: Partial<SimulationRequest>) => Promise<SimulationResult>;

beforeAll(async () => {
  run = await testEngine();
});

function preset(platform: string, timeout?: number): PythonPreset {
  return prepare({ language: "python", code: "", platform, ...(timeout !== undefined ? { timeout } : {}) }).engine;
}

const api = `
  import asyncio, time
  from typing import Optional
  from fastapi import FastAPI, HTTPException, Depends, BackgroundTasks
  from pydantic import BaseModel
  import uvicorn

  app = FastAPI()

  class Item(BaseModel):
      name: str
      price: float
      tags: list[str] = []

  def paging(q: Optional[str] = None, limit: int = 10):
      return {"q": q, "limit": limit}

  @app.get("/items/{item_id}")
  async def read_item(item_id: int, page: dict = Depends(paging)):
      return {"item_id": item_id, **page}

  @app.post("/items", status_code=201)
  def create(item: Item, background: BackgroundTasks):
      background.add_task(time.sleep, 5)
      return item

  @app.get("/teapot")
  async def teapot():
      raise HTTPException(status_code=418, detail="short and stout")

  @app.get("/crash")
  def crash():
      return 1 / 0

  @app.get("/sync-sleep")
  def sync_sleep():
      time.sleep(40)
      return {"slept": 40}

  @app.get("/async-sleep")
  async def async_sleep():
      time.sleep(40)
      return {"slept": 40}

  @app.get("/await-sleep")
  async def await_sleep():
      await asyncio.sleep(40)
      return {"slept": 40}

  if __name__ == "__main__":
      uvicorn.run("handler:app", host="0.0.0.0", port=8000)
`;

const get = (path: string) => ({ event: { method: "GET", path } });

describe("FastAPI under uvicorn", () => {
  test("path and query parameters, a dependency, and the JSON response; uvicorn.run() under __main__ serves instead of hanging", async () => {
    const r = await run(api, preset("heroku"), { event: { method: "GET", path: "/items/5", query: "q=x&limit=3" } });
    expect(r.verdict).toBe("ok");
    expect(r.result).toEqual({
      status: 200,
      headers: { "content-length": "31", "content-type": "application/json" },
      body: '{"item_id":5,"q":"x","limit":3}',
    });
    expect(r.timeline.find((s) => s.kind === "handler")?.label).toBe("FastAPI app app: GET /items/5");
  });

  test("a body parsed into a pydantic model; invalid input is FastAPI's 422 with pydantic's errors", async () => {
    const ok = await run(api, preset("heroku"), { event: { method: "POST", path: "/items", body: { name: "a", price: "2.5" } } });
    expect(ok.result).toMatchObject({ status: 201, body: '{"name":"a","price":2.5,"tags":[]}' });
    const bad = await run(api, preset("heroku"), { event: { method: "POST", path: "/items", body: { price: "x" } } });
    expect(bad.verdict).toBe("ok");
    expect(bad.result).toMatchObject({ status: 422 });
    expect(JSON.parse((bad.result as { body: string }).body)).toEqual({
      detail: [
        { type: "missing", loc: ["body", "name"], msg: "Field required", input: { price: "x" } },
        { type: "float_parsing", loc: ["body", "price"], msg: "Input should be a valid number, unable to parse string as a number", input: "x" },
      ],
    });
    const path = await run(api, preset("heroku"), get("/items/abc"));
    expect(JSON.parse((path.result as { body: string }).body).detail[0]).toMatchObject({ type: "int_parsing", loc: ["path", "item_id"] });
  });

  test("HTTPException is {detail} JSON; 404 and 405 are FastAPI's; an exception is uvicorn's 500 and the run's error", async () => {
    const teapot = await run(api, preset("heroku"), get("/teapot"));
    expect(teapot.result).toMatchObject({ status: 418, body: '{"detail":"short and stout"}' });
    const missing = await run(api, preset("heroku"), get("/nope"));
    expect(missing.result).toMatchObject({ status: 404, body: '{"detail":"Not Found"}' });
    const method = await run(api, preset("heroku"), { event: { method: "DELETE", path: "/teapot" } });
    expect(method.result).toMatchObject({ status: 405, headers: { allow: "GET" }, body: '{"detail":"Method Not Allowed"}' });
    const crash = await run(api, preset("heroku"), get("/crash"));
    expect(crash).toMatchObject({ verdict: "error", error: { type: "ZeroDivisionError", line: 32 } });
    expect(crash.result).toMatchObject({ status: 500, body: "Internal Server Error" });
    expect(crash.stdout).toMatch(/^ERROR: {4}Exception in ASGI application\nTraceback/);
    expect(crash.stdout).not.toContain("/deadline/");
  });

  test("background tasks run after the response: the request ends with the response, the work is noted", async () => {
    const r = await run(api, preset("heroku"), { event: { method: "POST", path: "/items", body: { name: "a", price: 1 } } });
    expect(r.verdict).toBe("ok");
    expect(r.elapsedSeconds).toBeLessThan(1);
    expect(r.notes?.find((n) => /after the response was sent/.test(n.text))?.text).toMatch(/5\.00 s/);
  });

  test("Heroku's router ends all three at 30 s; a blocking sleep in an async def endpoint is noted as blocking the loop", async () => {
    const sync = await run(api, preset("heroku"), get("/sync-sleep"));
    expect(sync).toMatchObject({ verdict: "timeout", elapsedSeconds: 30, line: 36 });
    expect(sync.platformMessage).toMatch(/H12/);
    // The plain def endpoint ran on the thread pool, not on the loop.
    expect(sync.timeline.some((s) => s.label === "thread: sync_sleep")).toBe(true);
    expect(sync.notes?.some((n) => /event loop was blocked/.test(n.text)) ?? false).toBe(false);
    const blocking = await run(api, preset("heroku"), get("/async-sleep"));
    expect(blocking).toMatchObject({ verdict: "timeout", elapsedSeconds: 30, line: 41 });
    expect(blocking.notes?.find((n) => /event loop was blocked/.test(n.text))?.text).toMatch(/blocked for 30\.0 s at line 41/);
    const awaiting = await run(api, preset("heroku"), get("/await-sleep"));
    expect(awaiting).toMatchObject({ verdict: "timeout", elapsedSeconds: 30, line: 46 });
  });

  test("under gunicorn (UvicornWorker) --timeout counts a blocked loop: the async def sleep is killed, the def and awaited ones are not", async () => {
    const blocking = await run(api, preset("gunicorn"), get("/async-sleep"));
    expect(blocking).toMatchObject({ verdict: "timeout", line: 41 });
    expect(blocking.platformMessage).toMatch(/WORKER TIMEOUT/);
    expect(blocking.notes?.some((n) => /heartbeat silence/.test(n.text))).toBe(true);
    for (const path of ["/sync-sleep", "/await-sleep"]) {
      const r = await run(api, preset("gunicorn"), get(path));
      expect(r, path).toMatchObject({ verdict: "ok", result: { status: 200, body: '{"slept":40}' } });
      expectSeconds(r.elapsedSeconds, 40);
      expect(r.notes?.find((n) => /heartbeat silence/.test(n.text))?.text).toMatch(/kept notifying/);
    }
  });

  test("a blocked loop is killed within --timeout of uvicorn's last heartbeat, not of the request's start", async () => {
    // The worker notifies once it has been quiet for more than timeout / 2 (checked each second):
    // after 20 s of awaiting, the last notification was at 16 s, so a block from 20 s is killed at 46 s.
    const r = await run(
      `
      import asyncio, time
      from fastapi import FastAPI
      app = FastAPI()

      @app.get("/")
      async def index():
          await asyncio.sleep(20)
          time.sleep(60)
          return "done"
      `,
      preset("gunicorn"),
      get("/"),
    );
    expect(r).toMatchObject({ verdict: "timeout", line: 8 });
    const handler = r.timeline.find((s) => s.kind === "handler");
    expect(handler && handler.end - handler.start).toBeCloseTo(46, 1);
  });
});

describe("Starlette and plain ASGI apps", () => {
  test("Starlette(routes=[Route(...)]) with path convertors and a lifespan that runs at boot, not in the request", async () => {
    const r = await run(
      `
      import asyncio, contextlib
      from starlette.applications import Starlette
      from starlette.responses import JSONResponse
      from starlette.routing import Route

      @contextlib.asynccontextmanager
      async def lifespan(app):
          await asyncio.sleep(12)
          yield {"model": "loaded"}

      async def user(request):
          return JSONResponse({"id": request.path_params["id"], "state": request.state.model})

      app = Starlette(routes=[Route("/users/{id:int}", user)], lifespan=lifespan)
      `,
      preset("heroku"),
      get("/users/7"),
    );
    expect(r).toMatchObject({ verdict: "ok", result: { status: 200, body: '{"id":7,"state":"loaded"}' } });
    expect(r.elapsedSeconds).toBeLessThan(1);
    const init = r.timeline.find((s) => s.kind === "init");
    expect(init && init.end).toBeGreaterThanOrEqual(12);
  });

  test("a bare ASGI callable served by uvicorn.run(app); one that never answers gets uvicorn's 500", async () => {
    const r = await run(
      `
      import uvicorn

      async def app(scope, receive, send):
          assert scope["type"] in ("http", "lifespan")
          if scope["type"] == "lifespan":
              raise RuntimeError("no lifespan here")
          body = (await receive())["body"]
          await send({"type": "http.response.start", "status": 200, "headers": [(b"content-type", b"text/plain")]})
          await send({"type": "http.response.body", "body": b"echo " + body})

      uvicorn.run(app, port=8080)
      `,
      preset("cloud-run"),
      { event: { method: "POST", path: "/", body: "hi" } },
    );
    expect(r).toMatchObject({ verdict: "ok", result: { status: 200, body: "echo hi" } });
    expect(r.stdout).toContain("ASGI 'lifespan' protocol appears unsupported.");
    const silent = await run(
      `
      async def app(scope, receive, send):
          if scope["type"] == "http":
              return
      import uvicorn
      uvicorn.run(app)
      `,
      preset("cloud-run"),
      get("/"),
    );
    expect(silent.result).toMatchObject({ status: 500, body: "Internal Server Error" });
    expect(silent.stdout).toContain("ASGI callable returned without starting response.");
  });
});

describe("pydantic on its own", () => {
  test("a ValidationError prints the way pydantic 2.13 prints it", async () => {
    const r = await run(
      `
      from pydantic import BaseModel, Field, ValidationError

      class Job(BaseModel):
          prompt: str
          steps: int = Field(default=20, gt=0)

      def handler(event):
          try:
              Job(**event)
          except ValidationError as e:
              return str(e)
          return Job(**event).model_dump()
      `,
      preset("gcp-functions"),
      { event: { prompt: 1, steps: 0 } },
    );
    expect(r.result).toBe(
      "2 validation errors for Job\n" +
        "prompt\n  Input should be a valid string [type=string_type, input_value=1, input_type=int]\n" +
        "    For further information visit https://errors.pydantic.dev/2.13/v/string_type\n" +
        "steps\n  Input should be greater than 0 [type=greater_than, input_value=0, input_type=int]\n" +
        "    For further information visit https://errors.pydantic.dev/2.13/v/greater_than",
    );
  });
});

describe("ASGI apps on platforms that serve them through a function", () => {
  test("a sub-application mounted in another is not a second candidate", async () => {
    const r = await run(
      `
      from fastapi import FastAPI
      app = FastAPI()
      v1 = FastAPI()

      @v1.get("/ping")
      def ping():
          return {"pong": True}

      app.mount("/v1", v1)
      `,
      preset("heroku"),
      get("/v1/ping"),
    );
    expect(r).toMatchObject({ verdict: "ok", result: { status: 200, body: '{"pong":true}' } });
  });

  test("on Azure a FastAPI app is served by func.AsgiFunctionApp, whose function is the entry", async () => {
    const r = await run(
      `
      import azure.functions as func
      from fastapi import FastAPI
      fast = FastAPI()

      @fast.get("/api/items/{id}")
      async def item(id: int):
          return {"id": id}

      app = func.AsgiFunctionApp(app=fast, http_auth_level=func.AuthLevel.ANONYMOUS)
      `,
      preset("azure-functions"),
      get("/api/items/3"),
    );
    expect(r).toMatchObject({ verdict: "ok", result: { status: 200, body: '{"id":3}' } });
    expect(r.timeline.find((s) => s.kind === "handler")?.label).toBe("Azure function http_app_func (http trigger)");
  });
});
