"use client";

import { useEffect, useRef, useState } from "react";

/** Copies the absolute URL of an anchor, so a fix can be pasted into an issue tracker. */
export function CopyLink({ anchor, label }: { anchor: string; label: string }) {
  const [copied, setCopied] = useState(false);
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  useEffect(() => () => clearTimeout(timer.current), []);
  const copy = async () => {
    const url = new URL(`#${anchor}`, window.location.href).toString();
    try {
      await navigator.clipboard.writeText(url);
    } catch {
      // Clipboard refused (insecure context or permissions): still leave the link in the address bar.
    }
    history.replaceState(null, "", `#${anchor}`);
    setCopied(true);
    clearTimeout(timer.current);
    timer.current = setTimeout(() => setCopied(false), 2000);
  };
  return (
    <button type="button" className="copy-link" onClick={copy} aria-label={`Copy link to ${label}`} data-copied={copied || undefined}>
      <span aria-hidden="true">{copied ? "Copied" : "Copy link"}</span>
      <span className="visually-hidden" role="status">
        {copied ? "Link copied" : ""}
      </span>
    </button>
  );
}
