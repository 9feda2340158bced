// Leaving Monaco by keyboard. Inside the editor Tab indents, so a keyboard user needs a way out:
// Monaco's own is the "Toggle Tab Key Moves Focus" action, Ctrl+M (Ctrl+Shift+M on macOS;
// monaco-editor 0.57 esm/vs/editor/contrib/toggleTabFocusMode/browser/toggleTabFocusMode.js),
// which stays on until pressed again. This adds the one-off way CodeMirror and GitHub's editors
// offer: Escape, then Tab (or Shift+Tab) moves focus out of the editor, and the next Tab in it
// indents again. Escape first closes whatever Monaco had open (suggestions, find), as before.
import type { OnMount } from "@monaco-editor/react";

type StandaloneEditor = Parameters<OnMount>[0];

const TABBABLE = 'a[href], button:not([disabled]), input:not([disabled]):not([type="hidden"]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

/** The element Tab (or Shift+Tab) would reach next from outside `inside`, in document order. */
export function nextTabbable(inside: Element, backwards: boolean): HTMLElement | null {
  const candidates = [...document.querySelectorAll<HTMLElement>(TABBABLE)].filter(
    (el) => !inside.contains(el) && el.tabIndex >= 0 && el.getClientRects().length > 0 && !el.closest("[inert], [aria-hidden='true']"),
  );
  if (backwards) {
    const before = candidates.filter((el) => inside.compareDocumentPosition(el) & Node.DOCUMENT_POSITION_PRECEDING);
    return before.at(-1) ?? null;
  }
  return candidates.find((el) => inside.compareDocumentPosition(el) & Node.DOCUMENT_POSITION_FOLLOWING) ?? null;
}

/** Escape, then Tab: focus leaves the editor (see above). Returns a function that removes it. */
export function escapeThenTabLeaves(editor: StandaloneEditor, keyCodes: { Escape: number; Tab: number; modifiers: number[] }): () => void {
  let armed = false;
  const keys = editor.onKeyDown((event) => {
    if (event.keyCode === keyCodes.Escape) {
      armed = true;
      return;
    }
    // Shift+Tab arrives as a Shift keydown first: a modifier alone keeps the Escape.
    if (keyCodes.modifiers.includes(event.keyCode)) return;
    const leave = armed && event.keyCode === keyCodes.Tab && !event.ctrlKey && !event.altKey && !event.metaKey;
    armed = false;
    if (!leave) return;
    const container = editor.getContainerDomNode();
    const target = nextTabbable(container, event.shiftKey);
    if (!target) return;
    event.preventDefault();
    event.stopPropagation();
    target.focus();
  });
  const blur = editor.onDidBlurEditorText(() => {
    armed = false;
  });
  return () => {
    keys.dispose();
    blur.dispose();
  };
}
