'use client';

/**
 * Settles when the editor first takes input. Heavier panels that the learner does not need in the
 * first second (the terminal's xterm.js) load after it, so evaluating Monaco gets the CPU first.
 * If Monaco never arrives (blocked, broken), they load a few seconds after the page anyway.
 */
let settle: () => void = () => undefined;
const mounted = new Promise<void>((resolve) => (settle = resolve));

export function markEditorReady() {
  settle();
}

const FALLBACK_MS = 4000;

export function afterEditorReady(): Promise<void> {
  const fallback = new Promise<void>((resolve) => setTimeout(resolve, FALLBACK_MS));
  return Promise.race([mounted, fallback]);
}
