"use client";

import { useEffect, useRef, useState } from "react";

/**
 * Copies a block of text (the prefilled article request). When the clipboard refuses (an insecure
 * context, a permission), the text is selected in its field so Ctrl/Cmd-C finishes the job.
 */
export function CopyText({ targetId, label }: { targetId: string; label: string }) {
  const [state, setState] = useState<"idle" | "copied" | "selected">("idle");
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  useEffect(() => () => clearTimeout(timer.current), []);
  const copy = async () => {
    const field = document.getElementById(targetId) as HTMLTextAreaElement | null;
    if (!field) return;
    try {
      await navigator.clipboard.writeText(field.value);
      setState("copied");
    } catch {
      field.focus();
      field.select();
      setState("selected");
    }
    clearTimeout(timer.current);
    timer.current = setTimeout(() => setState("idle"), 4000);
  };
  return (
    <>
      <button type="button" className="button button-primary" onClick={copy}>
        {label}
      </button>
      <span className="field-note" role="status">
        {state === "copied" ? "Copied. Paste it into a new issue." : state === "selected" ? "Selected: press Ctrl/Cmd-C to copy." : ""}
      </span>
    </>
  );
}
