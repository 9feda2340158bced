// Maps stack traces to lines of the user's file. User code is compiled with a `//# sourceURL`
// naming the user's file, so its frames read `handler.ts:LINE:COL` in V8, SpiderMonkey and
// JavaScriptCore alike; `new Function` puts a header of `lineOffset` lines before the body.

import type { FunctionRange } from "./transform";

export type Frame = { line: number; column: number };

export type SourceMap = {
  filename: string;
  lineOffset: number;
  /** columns the wrapper's header adds to the first line */
  firstLineShift: number;
  functions: FunctionRange[];
  lineStarts: number[];
};

const PROJECT_FRAME = /(?:^\s+at |\(|@)(?![a-z][\w+.-]*:|\/)[\w.@-][\w.@/-]*\.(?:[cm]?[jt]sx?|json):\d+:\d+\)?$/;

export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** Frames of the user's file, innermost first, in the user's 1-based lines. */
export function userFrames(stack: unknown, map: SourceMap): Frame[] {
  if (typeof stack !== "string") return [];
  const pattern = new RegExp(`(?:^|[\\s(@*])${escapeRegExp(map.filename)}:(\\d+):(\\d+)`, "gm");
  const frames: Frame[] = [];
  for (const match of stack.matchAll(pattern)) {
    const line = Number(match[1]) - map.lineOffset;
    const column = Number(match[2]) - (line === 1 ? map.firstLineShift : 0);
    if (line >= 1) frames.push({ line, column });
  }
  return frames;
}

/** The innermost user line of an error: where it was thrown, or the call that threw inside the engine. */
export function errorLine(error: unknown, map: SourceMap): number | null {
  const stack = (error as { stack?: unknown } | null)?.stack;
  return userFrames(stack, map)[0]?.line ?? null;
}

/**
 * The line to blame for an operation scheduled with this stack. One-line helpers are looked
 * through: for `const sleep = ms => new Promise(r => setTimeout(r, ms))` the person wants to see
 * the `await sleep(30000)` that waited, not the helper's line. A frame inside a multi-line
 * function, or the outermost frame, is the answer.
 */
export function operationLine(stack: unknown, map: SourceMap): number | null {
  const frames = userFrames(stack, map);
  for (const frame of frames) if (!insideOneLineFunction(frame, map)) return frame.line;
  // every frame is inside a one-line function: the outermost one is the call site
  return frames[frames.length - 1]?.line ?? null;
}

function insideOneLineFunction(frame: Frame, map: SourceMap): boolean {
  // stack positions are in the generated body's coordinates: line + offset was subtracted already
  const lineStart = map.lineStarts[frame.line - 1];
  if (lineStart === undefined) return false;
  const offset = lineStart + frame.column - 1;
  let innermost: FunctionRange | undefined;
  for (const fn of map.functions) {
    if (fn.start <= offset && offset < fn.end && (!innermost || fn.end - fn.start < innermost.end - innermost.start)) innermost = fn;
  }
  return innermost?.oneLine ?? false;
}

/**
 * Rewrites the user's frames of a stack to the user's own line numbers and drops the engine's
 * frames, so an error logged with console.error reads like it would on the platform.
 */
export function cleanStack(stack: string, map: SourceMap): string {
  const pattern = new RegExp(`${escapeRegExp(map.filename)}:(\\d+):(\\d+)`, "g");
  const kept: string[] = [];
  for (const [index, text] of stack.split("\n").entries()) {
    const isFrame = index > 0 && (/^\s+at /.test(text) || /^[^\s]*@/.test(text));
    // a project file's frames name it by its relative path (lib/db.ts:3:9); the engine's own
    // frames are absolute paths or URLs, and are dropped
    if (isFrame && !text.includes(`${map.filename}:`) && !text.includes("<anonymous>") && !PROJECT_FRAME.test(text)) continue;
    if (isFrame && !text.includes(`${map.filename}:`) && PROJECT_FRAME.test(text)) {
      // compiled the same way, so the same header lines come before the file's own
      kept.push(text.replace(/:(\d+):(\d+)(\)?)$/, (_all, rawLine: string, column: string, close: string) => `:${Math.max(1, Number(rawLine) - map.lineOffset)}:${column}${close}`));
      continue;
    }
    kept.push(
      text.replace(pattern, (_all, rawLine: string, rawColumn: string) => {
        const line = Number(rawLine) - map.lineOffset;
        return `${map.filename}:${line}:${Number(rawColumn) - (line === 1 ? map.firstLineShift : 0)}`;
      }),
    );
  }
  return kept.join("\n");
}
