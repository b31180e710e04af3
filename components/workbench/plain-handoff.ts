/**
 * The plain editor (a textarea) takes the learner's typing until Monaco is ready; Monaco then takes
 * over where it left off: the same text, caret, selection and scroll, focus if it had it, and one
 * undo step back to the text the page opened with. This module is the hand between the two.
 */

/** What Monaco needs to continue where the plain editor stopped. */
export type Handoff = {
  path: string;
  /** The text now (typed since the page opened included). */
  text: string;
  /** The file's text before the learner's first keystroke in the plain editor, if they typed. */
  original?: string;
  selectionStart: number;
  selectionEnd: number;
  scrollTop: number;
  focused: boolean;
};

type Live = { path: string; element: HTMLTextAreaElement };

let live: Live | undefined;
const originals = new Map<string, string>();

/** The plain editor on the page, or none (unmounted). */
export function registerPlainEditor(next: Live | undefined) {
  live = next;
}

/** Called before the plain editor's first change to a file: that text is where Monaco's undo leads back to. */
export function rememberOriginal(path: string, text: string) {
  if (!originals.has(path)) originals.set(path, text);
}

/** The original text of a file the learner typed into before Monaco was ready. */
export function originalOf(path: string): string | undefined {
  return originals.get(path);
}

/** Reads the plain editor's state for the file Monaco opens with, or nothing if it shows another file (or none). */
export function takeHandoff(path: string): Handoff | undefined {
  const original = originals.get(path);
  originals.clear();
  if (!live || live.path !== path) return undefined;
  const el = live.element;
  return {
    path,
    text: el.value,
    original,
    selectionStart: el.selectionStart,
    selectionEnd: el.selectionEnd,
    scrollTop: el.scrollTop,
    focused: el.ownerDocument.activeElement === el,
  };
}
