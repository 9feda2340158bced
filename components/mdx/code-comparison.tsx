import { Fragment } from "react";
import type { CodeFile, CodePair, DiffRow } from "@/lib/content/code-pair.server";
import { expectationText } from "@/lib/content/expectation";
import { CodeLine } from "../code-lines";

const LANG_LABEL: Record<string, string> = { python: "Python", javascript: "JavaScript", typescript: "TypeScript" };

function CodePane({ file, variant, expectation }: { file: CodeFile; variant: "broken" | "fixed"; expectation: string }) {
  const changed = new Set(file.changed);
  return (
    <figure className={`code-pane code-pane-${variant}`} data-variant={variant}>
      <figcaption>
        <span className={`pane-badge pane-badge-${variant}`}>{variant === "broken" ? "Broken" : "Fixed"}</span>
        <span className="pane-expect">{expectation}</span>
        <span className="pane-file">
          {file.name} · {LANG_LABEL[file.lang] ?? file.lang}
        </span>
      </figcaption>
      <pre className="shiki code-lines" tabIndex={0} aria-label={`${variant} code, ${file.name}`}>
        <code>
          {file.lines.map((tokens, i) => (
            <Fragment key={i}>
              <span className="line" data-line={i + 1} data-changed={changed.has(i + 1) ? variant : undefined}>
                <CodeLine tokens={tokens} />
              </span>
              {"\n"}
            </Fragment>
          ))}
        </code>
      </pre>
    </figure>
  );
}

function DiffLine({ row, pair }: { row: DiffRow; pair: CodePair }) {
  const tokens = row.kind === "add" ? pair.fixed.lines[row.fixed - 1] : pair.broken.lines[row.broken - 1];
  const sign = row.kind === "add" ? "+" : row.kind === "del" ? "-" : " ";
  return (
    <>
      <span className={`line diff-${row.kind}`}>
        <span className="diff-num" aria-hidden="true">{row.kind === "add" ? "" : row.broken}</span>
        <span className="diff-num" aria-hidden="true">{row.kind === "del" ? "" : row.fixed}</span>
        <span className="diff-sign">{sign}</span>
        <CodeLine tokens={tokens} />
      </span>
      {"\n"}
    </>
  );
}

export type CodeComparisonProps = {
  pair: CodePair;
  platformName: string;
  timeout: number;
  expect: { broken: "timeout" | "error"; fixed: "ok" };
};

/** The article's runnable pair: side by side with changed lines marked, then a unified diff. */
export function CodeComparison({ pair, platformName, timeout, expect }: CodeComparisonProps) {
  return (
    <div className="code-comparison">
      <div className="code-panes">
        <CodePane file={pair.broken} variant="broken" expectation={expectationText(expect.broken, platformName, timeout)} />
        <CodePane file={pair.fixed} variant="fixed" expectation={expectationText(expect.fixed, platformName, timeout)} />
      </div>
      <details className="code-diff" open>
        <summary>
          What changed <span className="diff-stat diff-stat-add">+{pair.added}</span> <span className="diff-stat diff-stat-del">−{pair.removed}</span>
        </summary>
        <pre className="shiki code-lines diff-lines" tabIndex={0} aria-label={`Diff from ${pair.broken.name} to ${pair.fixed.name}`}>
          <code>
            {pair.diff.map((row, i) => (
              <DiffLine key={i} row={row} pair={pair} />
            ))}
          </code>
        </pre>
      </details>
    </div>
  );
}
