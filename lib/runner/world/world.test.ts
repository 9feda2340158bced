import { describe, expect, test } from "vitest";
import { annotate } from "./notes";
import { createCostModel } from "./costs";
import { createResponder } from "./responder";
import { mergeWorld, parseWorld } from "./rules";
import { formatResponseRule, parseCostRule, parseModelList, parseResponseRule } from "./syntax";
import type { SimulationResult } from "../types";

describe("response rules", () => {
  test("a sequence: the first N calls get one answer, then the next takes over", () => {
    const world = parseWorld({
      responses: [{ match: "GET 127.0.0.1:8188/history/*", answers: [{ times: 2, json: {} }, { json: { "{{1}}": { outputs: { 9: {} } } } }] }],
    });
    const r = createResponder(world);
    expect(r.answer("GET", "http://127.0.0.1:8188/history/abc", 1).body).toBe("{}");
    expect(r.answer("GET", "http://127.0.0.1:8188/history/abc", 2).body).toBe("{}");
    const third = r.answer("GET", "http://127.0.0.1:8188/history/abc", 3);
    expect(JSON.parse(third.body)).toEqual({ abc: { outputs: { 9: {} } } });
    expect(third).toMatchObject({ status: 200, source: "rule", rule: "GET 127.0.0.1:8188/history/*" });
    expect(third.headers["content-type"]).toBe("application/json");
  });

  test("time-based: an answer with from takes over once the run's clock reaches it", () => {
    const world = parseWorld({
      responses: [{ match: "localhost:5000/health-check", answers: [{ json: { status: "STARTING" } }, { from: 45, json: { status: "READY" } }] }],
    });
    const r = createResponder(world);
    expect(JSON.parse(r.answer("GET", "http://127.0.0.1:5000/health-check", 10).body).status).toBe("STARTING");
    expect(JSON.parse(r.answer("GET", "http://localhost:5000/health-check", 44.9).body).status).toBe("STARTING");
    expect(JSON.parse(r.answer("GET", "http://localhost:5000/health-check", 45).body).status).toBe("READY");
  });

  test("before the first answer's from the rule does not apply, and an exhausted answer waits for the next from", () => {
    const r = createResponder(parseWorld({ responses: [{ match: "GET a.test/x", answers: [{ times: 1, status: 503 }, { from: 30, status: 200 }] }] }));
    expect(r.answer("GET", "https://a.test/x", 0).status).toBe(503);
    expect(r.answer("GET", "https://a.test/x", 5).status).toBe(503);
    expect(r.answer("GET", "https://a.test/x", 30).status).toBe(200);
    const late = createResponder(parseWorld({ responses: [{ match: "a.test", from: 10, status: 204 }] }));
    expect(late.match("GET", "https://a.test/", 5)).toBeNull();
    expect(late.answer("GET", "https://a.test/", 5).source).toBe("default");
    expect(late.answer("GET", "https://a.test/", 10).status).toBe(204);
  });

  test("method, scheme, port, path and query narrow a pattern; the first matching rule wins", () => {
    const world = parseWorld({
      responses: [
        { match: "POST https://api.example.com/v1/*", status: 201 },
        { match: "api.example.com:8443", status: 202 },
        { match: "GET api.example.com/search?q=*", text: "found {{1}}" },
        { match: "*.example.com", status: 418 },
      ],
    });
    const r = createResponder(world);
    expect(r.answer("POST", "https://api.example.com/v1/chat", 0).status).toBe(201);
    expect(r.answer("POST", "http://api.example.com/v1/chat", 0).status).toBe(418);
    expect(r.answer("GET", "https://api.example.com:8443/anything", 0).status).toBe(202);
    expect(r.answer("GET", "https://api.example.com/search?q=cats", 0).body).toBe("found cats");
    expect(r.answer("GET", "https://api.example.com/other", 0).status).toBe(418);
    expect(r.answer("GET", "https://elsewhere.test/", 0)).toMatchObject({ source: "default", status: 200, latency: 0.05 });
  });

  test("an answer's latency overrides the host's rule; connection failures are carried", () => {
    const r = createResponder(parseWorld({ latency: { "slow.test": 30 }, responses: [{ match: "slow.test/fast", latency: 0.1 }, { match: "down.test", connection: "refused" }] }));
    expect(r.answer("GET", "http://slow.test/fast", 0).latency).toBe(0.1);
    expect(r.answer("GET", "http://slow.test/other", 0).latency).toBe(30);
    expect(r.answer("GET", "http://down.test/", 0).connection).toBe("refused");
  });

  test("bad rules are refused with the field named", () => {
    expect(() => parseWorld({ responses: [{ match: "FETCH a.test", status: 200 }] })).toThrow(/responses\.0\.match/);
    expect(() => parseWorld({ responses: [{ match: "a.test", answers: [{ status: 200 }, { status: 500 }] }] })).toThrow(/never be used/);
    expect(() => parseWorld({ responses: [{ match: "a.test", status: 99 }] })).toThrow(/responses\.0\.status/);
    expect(() => parseWorld({ cost: { "x.y": -1 } })).toThrow(/cost\.x\.y/);
    expect(() => parseWorld({ model: ["torch; rm"] })).toThrow(/model/);
  });
});

describe("one-line syntax", () => {
  test("a response rule with a sequence, a time switch, latency and bodies round-trips", () => {
    const rule = parseResponseRule('GET localhost:8188/history/* => 3x in 0.2s 200 {"a": "x;y"}; from 45s 200 {"{{1}}": {}}');
    expect(rule.answers).toEqual([
      { times: 3, latency: 0.2, status: 200, json: { a: "x;y" } },
      { from: 45, status: 200, json: { "{{1}}": {} } },
    ]);
    expect(parseResponseRule(formatResponseRule(rule))).toEqual(rule);
  });
  test("text bodies, connection failures and shorthand", () => {
    expect(parseResponseRule("a.test => refused; from 30s 200 OK then\\; more").answers).toEqual([
      { connection: "refused" },
      { from: 30, status: 200, text: "OK then; more" },
    ]);
    expect(parseResponseRule("POST a.test/x => 503").answers).toEqual([{ status: 503 }]);
  });
  test("mistakes say what shape was expected", () => {
    expect(() => parseResponseRule("GET a.test 200")).toThrow(/METHOD URL =>/);
    expect(() => parseResponseRule("GET a.test => ok")).toThrow(/expected a status/);
    expect(() => parseResponseRule("GET a.test => from soon 200")).toThrow(/needs seconds/);
    expect(() => parseResponseRule("GET a.test => 200 {} 300")).toThrow(/separate answers with ;/);
  });
  test("cost and model flags", () => {
    expect(parseCostRule("diffusers.*.from_pretrained=40")).toEqual(["diffusers.*.from_pretrained", 40]);
    expect(parseCostRule("pipe()=8")).toEqual(["pipe()", 8]);
    expect(() => parseCostRule("pipe()")).toThrow(/pattern=seconds/);
    expect(parseModelList("torch, diffusers")).toEqual(["torch", "diffusers"]);
    expect(() => parseModelList(" ")).toThrow(/at least one/);
  });
});

describe("cost model", () => {
  const model = createCostModel({ model: ["torch", "@aws-sdk/client-s3"], cost: { "diffusers.*.from_pretrained": 40, "pipe()": 8, "*.transcribe": 3, "faster_whisper.WhisperModel.transcribe": 5 } });
  test("the most specific pattern matching any of the call's names wins", () => {
    expect(model.costOf(["diffusers.StableDiffusionPipeline.from_pretrained"])).toEqual({ seconds: 40, pattern: "diffusers.*.from_pretrained" });
    expect(model.costOf(["diffusers.StableDiffusionPipeline.from_pretrained().__call__", "pipe.__call__"])).toEqual({ seconds: 8, pattern: "pipe()" });
    expect(model.costOf(["faster_whisper.WhisperModel.transcribe"])?.seconds).toBe(5);
    expect(model.costOf(["m.transcribe"])?.seconds).toBe(3);
    expect(model.costOf(["torch.cuda.is_available"])).toBeNull();
  });
  test("modelled modules cover their submodules; * covers everything", () => {
    expect(model.isModelled("torch.nn.functional")).toBe(true);
    expect(model.isModelled("@aws-sdk/client-s3")).toBe(true);
    expect(model.isModelled("torchvision")).toBe(false);
    expect(createCostModel({ model: ["*"] }).isModelled("anything")).toBe(true);
  });
});

test("layers merge: later latency and costs win, later response rules are tried first", () => {
  const merged = mergeWorld({ latency: { a: 1 }, responses: [{ match: "a.test", answers: [{ status: 500 }] }], model: ["torch"] }, { latency: { a: 2, b: 3 }, responses: [{ match: "a.test", answers: [{ status: 200 }] }], model: ["torch", "PIL"] });
  expect(merged.latency).toEqual({ a: 2, b: 3 });
  expect(merged.responses?.[0]?.answers[0]?.status).toBe(200);
  expect(merged.model).toEqual(["torch", "PIL"]);
});

test("annotate says which calls were modelled and which got the default answer", () => {
  const result: SimulationResult = {
    verdict: "ok",
    platform: "runpod",
    deadlineSeconds: 60,
    elapsedSeconds: 48,
    line: null,
    error: null,
    platformMessage: null,
    stdout: "",
    timeline: [
      { kind: "modelled", start: 0, end: 40, line: 5, label: "modelled: diffusers.StableDiffusionPipeline.from_pretrained", cost: "diffusers.*.from_pretrained" },
      { kind: "modelled", start: 40, end: 40, line: 6, label: "modelled: torch.cuda.is_available" },
      { kind: "network", start: 40, end: 40.05, line: 9, label: "GET http://127.0.0.1:8188/history/x", host: "127.0.0.1", latency: 0.05, status: 200, answer: "default" },
      { kind: "network", start: 41, end: 42, line: 10, label: "GET http://127.0.0.1:8188/view", host: "127.0.0.1", latency: 1, status: 200, answer: "rule" },
    ],
  };
  const out = annotate(result);
  expect(out.modelled).toEqual({ calls: 2, seconds: 40 });
  expect(out.notes?.map((n) => n.kind)).toEqual(["modelled", "default-response"]);
  expect(out.notes?.[0]?.text).toContain("torch.cuda.is_available (line 6)");
  expect(out.notes?.[1]?.text).toContain("GET http://127.0.0.1:8188/history/x (line 9)");
  expect(out.notes?.[1]?.text).not.toContain("/view");
  expect(out.notes?.[1]?.text).toContain('(200 {"ok": true, "url": …})');
});

test("a database query that no rule answered is noted with the database's default, not an HTTP body", () => {
  const out = annotate({
    verdict: "ok",
    platform: "aws-lambda",
    deadlineSeconds: 3,
    elapsedSeconds: 0.1,
    line: null,
    error: null,
    platformMessage: null,
    stdout: "",
    timeline: [{ kind: "network", start: 0, end: 0.05, line: 4, label: "QUERY postgres://db:5432/app (pg query: SELECT 1)", host: "db", latency: 0.05, answer: "default" }],
  });
  expect(out.notes?.[0]?.text).toMatch(/^1 call got the default answer \(no rows, or a command's plainest reply, from a database\) because no response rule matched: QUERY postgres:\/\/db:5432\/app \(line 4\)/);
});

test("peek tells what match would answer without using the answer up", () => {
  const responder = createResponder({ responses: [{ match: "db.internal:5432", answers: [{ times: 1, connection: "refused" }, { json: [{ id: 1 }] }] }] });
  const url = "postgres://db.internal:5432/app";
  expect(responder.peek("CONNECT", url, 0)?.connection).toBe("refused");
  expect(responder.peek("CONNECT", url, 0)?.connection).toBe("refused");
  expect(responder.match("CONNECT", url, 0)?.connection).toBe("refused");
  expect(responder.peek("QUERY", url, 0)?.body).toBe('[{"id":1}]');
  expect(responder.peek("QUERY", "postgres://other:5432/app", 0)).toBeNull();
});
