"use client";

import { useEffect, useRef, useState } from "react";

type What =
  /** the absolute URL of an anchor on this page; the address bar moves to it too */
  | { anchor: string }
  /** text the server rendered into the page (a cause's "Copy fix") */
  | { text: string }
  /** a same-origin file fetched on click (the article's Markdown twin, too large to inline) */
  | { src: string };

type Props = {
  what: What;
  /** the visible label, e.g. "Copy link" */
  children: string;
  /** what the button copies, for its accessible name: "Copy link to cause 2: ..." */
  label: string;
  /** what the status line says once it is done, e.g. "Link copied" */
  done: string;
  className?: string;
};

async function copy(what: What): Promise<void> {
  if ("anchor" in what) return navigator.clipboard.writeText(new URL(`#${what.anchor}`, window.location.href).toString());
  if ("text" in what) return navigator.clipboard.writeText(what.text);
  const load = fetch(what.src).then(async (response) => {
    if (!response.ok) throw new Error(`${what.src} answered ${response.status}`);
    return new Blob([await response.text()], { type: "text/plain" });
  });
  // Safari only lets a click write to the clipboard synchronously, which a ClipboardItem holding
  // a promise satisfies; browsers without it get the text once it has arrived.
  if (typeof ClipboardItem !== "undefined" && "supports" in ClipboardItem && ClipboardItem.supports("text/plain")) {
    return navigator.clipboard.write([new ClipboardItem({ "text/plain": load })]);
  }
  return navigator.clipboard.writeText(await (await load).text());
}

/**
 * The site's one copy button: a link to an anchor, a cause's fix as Markdown, or a whole article.
 * Tiny on purpose: the text comes from the server, this island only puts it on the clipboard.
 */
export function CopyButton({ what, children, label, done, className = "copy-link" }: Props) {
  const [state, setState] = useState<"idle" | "copied" | "failed">("idle");
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  useEffect(() => () => clearTimeout(timer.current), []);
  const onClick = async () => {
    let next: typeof state = "copied";
    try {
      await copy(what);
    } catch {
      // Clipboard refused (insecure context, permissions) or the file did not load. A link still
      // lands in the address bar below; text cannot, so say so.
      next = "anchor" in what ? "copied" : "failed";
    }
    if ("anchor" in what) history.replaceState(null, "", `#${what.anchor}`);
    setState(next);
    clearTimeout(timer.current);
    timer.current = setTimeout(() => setState("idle"), 2000);
  };
  return (
    <button type="button" className={className} onClick={onClick} aria-label={label} data-copied={state === "copied" || undefined} data-failed={state === "failed" || undefined}>
      <span aria-hidden="true">{state === "copied" ? "Copied" : state === "failed" ? "Copy failed" : children}</span>
      <span className="visually-hidden" role="status">
        {state === "copied" ? done : state === "failed" ? "Could not copy: the browser refused the clipboard" : ""}
      </span>
    </button>
  );
}
