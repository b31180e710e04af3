/**
 * The plain editor (a textarea) takes the learner's typing until Monaco is ready; Monaco then takes
 * over where it left off: the same text, caret, selection and scroll, focus if it had it, and one
 * undo step back to the text the page opened with. This module is the hand between the two.
 */

/** What Monaco needs to continue where the plain editor stopped. */
export type Handoff = {
  /** The text now (typed since the page opened included). */
  text: string;
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

/** Called when the plain editor first shows a file: that text is where Monaco's undo leads back to. */
export function rememberOriginal(path: string, text: string) {
  if (!originals.has(path)) originals.set(path, text);
}

/** The text a file had when the plain editor first showed it (until Monaco has taken over). */
export function originalOf(path: string): string | undefined {
  return originals.get(path);
}

/** Reads the plain editor's state for the file Monaco opens with, or nothing if it shows another file (or none). */
export function takeHandoff(path: string): Handoff | undefined {
  originals.clear();
  if (!live || live.path !== path) return undefined;
  const el = live.element;
  return {
    text: el.value,
    selectionStart: el.selectionStart,
    selectionEnd: el.selectionEnd,
    scrollTop: el.scrollTop,
    focused: el.ownerDocument.activeElement === el,
  };
}
