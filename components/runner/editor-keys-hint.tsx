/** Next to the editor: how a keyboard leaves it (editor-keys.ts), since Tab indents inside. */
export function EditorKeysHint({ id }: { id: string }) {
  return (
    <p className="editor-keys" id={id}>
      Tab indents in the editor. To leave it, press <kbd>Esc</kbd> then <kbd>Tab</kbd>, or <kbd>Ctrl</kbd>+<kbd>M</kbd> (<kbd>Ctrl</kbd>+<kbd>Shift</kbd>+<kbd>M</kbd> on a Mac) to make
      Tab move focus until you press it again.
    </p>
  );
}
