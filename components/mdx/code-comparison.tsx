import { Fragment } from "react";
import type { CodeFile, CodePair, DiffRow } from "@/lib/content/code-pair.server";
import { expectationText } from "@/lib/content/expectation";
import { CodeLine } from "../code-lines";
import { CodeTabs } from "./code-tabs.client";
import "./code-tabs.css";

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

function DiffPane({ pair }: { pair: CodePair }) {
  return (
    <figure className="code-diff" data-variant="diff">
      <figcaption>
        <span className="pane-badge">What changed</span>
        <span className="pane-expect">
          <span className="diff-stat diff-stat-add">+{pair.added}</span> <span className="diff-stat diff-stat-del">−{pair.removed}</span> lines
        </span>
        <span className="pane-file">
          {pair.broken.name} → {pair.fixed.name}
        </span>
      </figcaption>
      <pre className="shiki code-lines diff-lines" tabIndex={0} aria-label={`Diff from ${pair.broken.name} to ${pair.fixed.name}`}>
        <code>
          {pair.diff.map((row, i) => (
            <DiffLine key={i} row={row} pair={pair} />
          ))}
        </code>
      </pre>
    </figure>
  );
}

export type CodeComparisonProps = {
  pair: CodePair;
  platformName: string;
  timeout: number;
  expect: { broken: "timeout" | "error"; fixed: "ok" };
};

/**
 * The article's runnable pair, shown once: broken, fixed and the diff between them as tabs (a
 * radio group without JavaScript), each file with its changed lines marked.
 */
export function CodeComparison({ pair, platformName, timeout, expect }: CodeComparisonProps) {
  return (
    <div className="code-comparison">
      <CodeTabs
        idBase="code"
        label="Broken and fixed code"
        tabs={[
          {
            id: "broken",
            label: <>Broken <span className="code-tab-file">{pair.broken.name}</span></>,
            panel: <CodePane file={pair.broken} variant="broken" expectation={expectationText(expect.broken, platformName, timeout)} />,
          },
          {
            id: "fixed",
            label: <>Fixed <span className="code-tab-file">{pair.fixed.name}</span></>,
            panel: <CodePane file={pair.fixed} variant="fixed" expectation={expectationText(expect.fixed, platformName, timeout)} />,
          },
          {
            id: "diff",
            label: (
              <>
                What changed{" "}
                <span className="diff-stat diff-stat-add">
                  +{pair.added}
                  <span className="visually-hidden"> added,</span>
                </span>{" "}
                <span className="diff-stat diff-stat-del">
                  −{pair.removed}
                  <span className="visually-hidden"> removed</span>
                </span>
              </>
            ),
            panel: <DiffPane pair={pair} />,
          },
        ]}
      />
    </div>
  );
}
