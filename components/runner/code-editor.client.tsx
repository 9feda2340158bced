"use client";

// Monaco, loaded only when a person presses "Edit & run". Its AMD build is served from our own
// origin under a versioned path (/runtime/monaco/<hash>/vs, scripts/prepare-runtime-assets.ts):
// never from a CDN.
import Editor, { loader, type OnMount } from "@monaco-editor/react";
import { memo, useCallback, useEffect, useMemo, useRef, useSyncExternalStore } from "react";
import { MONACO_VS_URL } from "@/lib/runner/browser/assets";
import type { Language } from "@/lib/runner/types";
import { escapeThenTabLeaves } from "./editor-keys";
import { useNarrow } from "./use-narrow";

loader.config({ paths: { vs: MONACO_VS_URL } });

type Monaco = Parameters<OnMount>[1];
type StandaloneEditor = Parameters<OnMount>[0];
type Defaults = { setDiagnosticsOptions(options: { noSemanticValidation: boolean; noSyntaxValidation: boolean }): void };

export type EditorMarks = {
  /** the line executing at the deadline */
  deadlineLine: number | null;
  error: { line: number; message: string } | null;
};

function subscribeTheme(onChange: () => void) {
  const observer = new MutationObserver(onChange);
  observer.observe(document.documentElement, { attributes: true, attributeFilter: ["data-theme"] });
  const media = window.matchMedia("(prefers-color-scheme: dark)");
  media.addEventListener("change", onChange);
  return () => {
    observer.disconnect();
    media.removeEventListener("change", onChange);
  };
}

function siteTheme(): "deadline-light" | "deadline-dark" {
  const chosen = document.documentElement.dataset.theme;
  const dark = chosen ? chosen === "dark" : window.matchMedia("(prefers-color-scheme: dark)").matches;
  return dark ? "deadline-dark" : "deadline-light";
}

// Monaco's own themes put comments (dark) and numbers on the highlighted deadline line (light)
// just under WCAG AA contrast; these keep everything else and darken or lighten those tokens.
const beforeMount = (monaco: Monaco) => {
  monaco.editor.defineTheme("deadline-light", { base: "vs", inherit: true, rules: [{ token: "number", foreground: "076947" }, { token: "comment", foreground: "007a00" }], colors: {} });
  monaco.editor.defineTheme("deadline-dark", { base: "vs-dark", inherit: true, rules: [{ token: "comment", foreground: "7fb069" }], colors: {} });
};

export type CodeEditorProps = {
  value: string;
  language: Language;
  onChange: (value: string) => void;
  onRun: () => void;
  marks: EditorMarks;
  /** line to scroll to and select, bumped by `revealNonce` */
  reveal: { line: number; nonce: number } | null;
  label: string;
  /** id of the text saying how to leave the editor by keyboard */
  describedBy?: string;
};

/** Memoised: @monaco-editor/react calls updateOptions on every render it gets. */
export const CodeEditor = memo(function CodeEditor({ value, language, onChange, onRun, marks, reveal, label, describedBy }: CodeEditorProps) {
  const editorRef = useRef<StandaloneEditor | null>(null);
  const monacoRef = useRef<Monaco | null>(null);
  const decorations = useRef<ReturnType<StandaloneEditor["createDecorationsCollection"]> | null>(null);
  const runRef = useRef(onRun);
  runRef.current = onRun;
  const changeRef = useRef(onChange);
  changeRef.current = onChange;
  const handleChange = useCallback((next: string | undefined) => changeRef.current(next ?? ""), []);
  const theme = useSyncExternalStore(subscribeTheme, siteTheme, () => "deadline-light" as const);
  // On a phone the code wraps instead of running off the edge, and the gutter gives up width.
  const narrow = useNarrow();
  const options = useMemo(
    () => ({
      ariaLabel: label,
      minimap: { enabled: false },
      fontSize: narrow ? 12.5 : 13.5,
      wordWrap: narrow ? ("on" as const) : ("off" as const),
      wrappingIndent: "indent" as const,
      lineNumbersMinChars: narrow ? 2 : 5,
      lineDecorationsWidth: narrow ? 4 : 10,
      folding: !narrow,
      scrollBeyondLastLine: false,
      glyphMargin: true,
      tabSize: language === "python" ? 4 : 2,
      automaticLayout: true,
      fixedOverflowWidgets: true,
      renderLineHighlight: "none" as const,
    }),
    [label, language, narrow],
  );

  const onMount: OnMount = (editor, monaco) => {
    editorRef.current = editor;
    monacoRef.current = monaco;
    decorations.current = editor.createDecorationsCollection();
    // The simulator reports real problems; Monaco's type checker would only add noise about the
    // platform types (Request, ExecutionContext) it has no declarations for.
    const ts = (monaco.languages as unknown as { typescript?: { typescriptDefaults?: Defaults; javascriptDefaults?: Defaults } }).typescript;
    for (const defaults of [ts?.typescriptDefaults, ts?.javascriptDefaults]) defaults?.setDiagnosticsOptions({ noSemanticValidation: true, noSyntaxValidation: false });
    editor.addCommand(monaco.KeyMod.CtrlCmd | monaco.KeyCode.Enter, () => runRef.current());
    const { Escape, Tab, Shift, Ctrl, Alt, Meta } = monaco.KeyCode;
    escapeThenTabLeaves(editor, { Escape, Tab, modifiers: [Shift, Ctrl, Alt, Meta] });
    // The focusable text box: Monaco 0.57's EditContext div (its textarea is an aria-hidden IME helper), or an older one's textarea.
    const box = editor.getDomNode()?.querySelector("[role='textbox']") ?? editor.getDomNode()?.querySelector("textarea:not([aria-hidden='true'])");
    if (describedBy) box?.setAttribute("aria-describedby", describedBy);
    editor.focus();
  };

  useEffect(() => {
    const editor = editorRef.current;
    const monaco = monacoRef.current;
    const model = editor?.getModel();
    if (!editor || !monaco || !model) return;
    const lines = model.getLineCount();
    const clamp = (line: number) => Math.min(Math.max(1, line), lines);
    const list = [];
    if (marks.deadlineLine) {
      const line = clamp(marks.deadlineLine);
      list.push({
        range: new monaco.Range(line, 1, line, 1),
        options: { isWholeLine: true, className: "deadline-line", glyphMarginClassName: "deadline-glyph", hoverMessage: { value: "Executing when the deadline hit" } },
      });
      editor.revealLineInCenterIfOutsideViewport(line);
    }
    decorations.current?.set(list);
    monaco.editor.setModelMarkers(
      model,
      "deadline",
      marks.error
        ? [{ severity: monaco.MarkerSeverity.Error, message: marks.error.message, startLineNumber: clamp(marks.error.line), endLineNumber: clamp(marks.error.line), startColumn: 1, endColumn: model.getLineMaxColumn(clamp(marks.error.line)) }]
        : [],
    );
  }, [marks, value]);

  useEffect(() => {
    const editor = editorRef.current;
    if (!editor || !reveal) return;
    editor.revealLineInCenter(reveal.line);
    editor.setPosition({ lineNumber: reveal.line, column: 1 });
    editor.focus();
  }, [reveal]);

  return (
    <div className="code-editor" data-testid="code-editor">
      <Editor
        value={value}
        language={language}
        theme={theme}
        onChange={handleChange}
        beforeMount={beforeMount}
        onMount={onMount}
        height="100%"
        loading={<p className="editor-loading">Loading the editor…</p>}
        options={options}
      />
    </div>
  );
});
