'use client';

/**
 * The mounted editor, for the parts of the workbench outside it. Heavier panels that the learner
 * does not need in the first second (the terminal's xterm.js) load once it takes input, so evaluating
 * Monaco gets the CPU first; if Monaco never arrives (blocked, broken), they load a few seconds after
 * the page anyway. And a file just added opens with the cursor in it, as in VS Code.
 */
type Focusable = { focus(): void };

let editor: Focusable | undefined;
let settle: () => void = () => undefined;
const mounted = new Promise<void>((resolve) => (settle = resolve));

/** Called by the editor when Monaco has mounted. */
export function registerEditor(mountedEditor: Focusable) {
  editor = mountedEditor;
  settle();
}

const FALLBACK_MS = 4000;

export function afterEditorReady(): Promise<void> {
  const fallback = new Promise<void>((resolve) => setTimeout(resolve, FALLBACK_MS));
  return Promise.race([mounted, fallback]);
}

/** Puts the cursor in the editor once React has shown what was just opened in it. */
export function focusEditorSoon() {
  requestAnimationFrame(() => editor?.focus());
}
