"use client";

import { useSyncExternalStore } from "react";

/** Phone widths, the same breakpoint as the CSS (editor.css, globals.css): 40rem. */
const NARROW = "(max-width: 40rem)";

function subscribe(onChange: () => void) {
  const media = window.matchMedia(NARROW);
  media.addEventListener("change", onChange);
  return () => media.removeEventListener("change", onChange);
}

/** Whether the page is laid out for a phone; false on the server. */
export function useNarrow(): boolean {
  return useSyncExternalStore(subscribe, () => window.matchMedia(NARROW).matches, () => false);
}
