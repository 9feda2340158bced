"use client";

// The rows that say how the world behaves around the handler: host latency, what URLs answer,
// which modules are modelled and what their calls cost. Same rules as the CLI flags and an
// article's `simulate:` (README: "World rules").
import type { WorldForm, WorldRows } from "./world-form";

type Props = {
  rows: WorldRows;
  onChange: (rows: WorldRows) => void;
  problems: WorldForm["problems"];
  idPrefix: string;
};

function problemFor(problems: WorldForm["problems"], row: string): string | undefined {
  return problems.find((p) => p.row === row)?.message;
}

export function WorldRowsFields({ rows, onChange, problems, idPrefix }: Props) {
  const set = (patch: Partial<WorldRows>) => onChange({ ...rows, ...patch });
  const modelProblem = problemFor(problems, "model");
  return (
    <>
      <fieldset className="field field-wide latency">
        <legend>Host latency (how long each host takes to answer)</legend>
        {rows.latency.map(([host, seconds], i) => (
          <div className="latency-row" key={i}>
            <input aria-label={`Host ${i + 1}`} placeholder="api.openai.com" value={host} onChange={(e) => set({ latency: rows.latency.map((row, j) => (j === i ? [e.target.value, row[1]] : row)) })} />
            <input
              aria-label={`Seconds for host ${i + 1}`}
              type="number"
              min={0}
              step="any"
              value={seconds}
              aria-invalid={problemFor(problems, `latency-${i}`) ? true : undefined}
              onChange={(e) => set({ latency: rows.latency.map((row, j) => (j === i ? [row[0], e.target.value] : row)) })}
            />
            <span aria-hidden="true">s</span>
            <button type="button" className="button button-quiet" aria-label={`Remove host ${i + 1}`} onClick={() => set({ latency: rows.latency.filter((_, j) => j !== i) })}>
              Remove
            </button>
          </div>
        ))}
        <button type="button" className="button button-quiet" onClick={() => set({ latency: [...rows.latency, ["", "1"]] })}>
          Add host
        </button>
        <small className="field-note">Other hosts answer in 0.05 s.</small>
      </fieldset>

      <fieldset className="field field-wide latency">
        <legend>Responses (what a URL answers, in order)</legend>
        {rows.responses.map(({ match, answers }, i) => {
          const problem = problemFor(problems, `response-${i}`);
          const errorId = `${idPrefix}-response-${i}-error`;
          return (
            <div className="response-row" key={i}>
              <input
                className="response-match"
                aria-label={`Response ${i + 1} URL`}
                placeholder="GET 127.0.0.1:8188/history/*"
                value={match}
                spellCheck={false}
                aria-invalid={problem ? true : undefined}
                aria-describedby={problem ? errorId : undefined}
                onChange={(e) => set({ responses: rows.responses.map((row, j) => (j === i ? { ...row, match: e.target.value } : row)) })}
              />
              <input
                className="response-answers"
                aria-label={`Response ${i + 1} answers`}
                placeholder='3x 200 {}; 200 {"done": true}'
                value={answers}
                spellCheck={false}
                aria-invalid={problem ? true : undefined}
                aria-describedby={problem ? errorId : undefined}
                onChange={(e) => set({ responses: rows.responses.map((row, j) => (j === i ? { ...row, answers: e.target.value } : row)) })}
              />
              <button type="button" className="button button-quiet" aria-label={`Remove response ${i + 1}`} onClick={() => set({ responses: rows.responses.filter((_, j) => j !== i) })}>
                Remove
              </button>
              {problem ? (
                <small id={errorId} className="field-error">
                  {problem}
                </small>
              ) : null}
            </div>
          );
        })}
        <button type="button" className="button button-quiet" onClick={() => set({ responses: [...rows.responses, { match: "", answers: "200 {}" }] })}>
          Add response
        </button>
        <small className="field-note">
          Answers are used in order: <code>3x 503; 200 {"{…}"}</code> (three times, then), <code>from 45s 200 …</code> (from 45 s of the run on), <code>in 2s</code> (takes 2 s),{" "}
          <code>refused</code> (nothing listening). <code>{"{{1}}"}</code> in a body is the first <code>*</code> of the URL. Unmatched calls get 200 {"{\"ok\": true}"}.
        </small>
      </fieldset>

      <label className="field field-wide">
        <span>Modelled modules (present, but not run)</span>
        <input
          value={rows.model}
          placeholder="torch, diffusers"
          spellCheck={false}
          aria-invalid={modelProblem ? true : undefined}
          aria-describedby={`${idPrefix}-model-note`}
          onChange={(e) => set({ model: e.target.value })}
        />
        <small id={`${idPrefix}-model-note`} className={modelProblem ? "field-error" : "field-note"}>
          {modelProblem ?? "Imports of these give stand-in objects; each call on one is a modelled span taking its cost below (0 s without one). * models every import the simulator cannot provide."}
        </small>
      </label>

      <fieldset className="field field-wide latency">
        <legend>Costs (seconds a modelled call takes)</legend>
        {rows.cost.map(([pattern, seconds], i) => (
          <div className="latency-row" key={i}>
            <input
              aria-label={`Cost ${i + 1} call`}
              placeholder="diffusers.*.from_pretrained"
              value={pattern}
              spellCheck={false}
              onChange={(e) => set({ cost: rows.cost.map((row, j) => (j === i ? [e.target.value, row[1]] : row)) })}
            />
            <input
              aria-label={`Seconds for cost ${i + 1}`}
              type="number"
              min={0}
              step="any"
              value={seconds}
              aria-invalid={problemFor(problems, `cost-${i}`) ? true : undefined}
              onChange={(e) => set({ cost: rows.cost.map((row, j) => (j === i ? [row[0], e.target.value] : row)) })}
            />
            <span aria-hidden="true">s</span>
            <button type="button" className="button button-quiet" aria-label={`Remove cost ${i + 1}`} onClick={() => set({ cost: rows.cost.filter((_, j) => j !== i) })}>
              Remove
            </button>
          </div>
        ))}
        <button type="button" className="button button-quiet" onClick={() => set({ cost: [...rows.cost, ["", "1"]] })}>
          Add cost
        </button>
        <small className="field-note">
          A call by its path (<code>diffusers.*.from_pretrained</code>) or by the variable holding it (<code>pipe()</code>, <code>self.model.transcribe</code>).
        </small>
      </fieldset>
    </>
  );
}
