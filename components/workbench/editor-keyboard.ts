'use client';

/**
 * Keyboard users are never trapped in the editor: Tab indents (as in VS Code),
 * but Escape then Tab (or Shift+Tab) moves focus to the next (previous) control
 * on the page, and a visible toggle makes Tab always move focus.
 */
import { useSyncExternalStore } from 'react';
import type { Monaco, OnMount } from '@monaco-editor/react';

type MonacoEditor = Parameters<OnMount>[0];

const KEY = 'layerlab.tabMovesFocus';
const listeners = new Set<() => void>();

function read(): boolean {
  try {
    return localStorage.getItem(KEY) === '1';
  } catch {
    return false;
  }
}

/** The learner's choice, remembered in this browser; every editor and toggle on the page follows it. */
export function useTabMovesFocus() {
  const on = useSyncExternalStore(
    (cb) => {
      listeners.add(cb);
      return () => listeners.delete(cb);
    },
    read,
    () => false,
  );
  const set = (next: boolean) => {
    try {
      localStorage.setItem(KEY, next ? '1' : '0');
    } catch {
      // private mode: the choice lasts for this page only
    }
    for (const l of listeners) l();
  };
  return { on, set };
}

const FOCUSABLE =
  'a[href], button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

/** Focuses the control after (or before) `from` in page order, skipping everything inside it. */
export function moveFocusOutOf(from: HTMLElement, backwards: boolean) {
  const all = Array.from(document.querySelectorAll<HTMLElement>(FOCUSABLE)).filter(
    (el) => !from.contains(el) && el.getClientRects().length > 0 && !el.closest('[hidden], [inert]'),
  );
  const after = all.filter((el) => from.compareDocumentPosition(el) & Node.DOCUMENT_POSITION_FOLLOWING);
  const before = all.filter((el) => from.compareDocumentPosition(el) & Node.DOCUMENT_POSITION_PRECEDING);
  const target = backwards ? before[before.length - 1] : after[0];
  target?.focus();
}

/**
 * Escape arms the next Tab: Escape then Tab (Shift+Tab) leaves the editor. Any
 * other key disarms it, so Escape to close a suggestion list and go on typing
 * still indents with Tab. With `tabMovesFocus()` on, Tab always leaves.
 */
export function trapEscape(editor: MonacoEditor, monaco: Monaco, tabMovesFocus: () => boolean): (on: boolean) => void {
  const armed = editor.createContextKey<boolean>('layerlabEscapeArmed', false);
  const moves = editor.createContextKey<boolean>('layerlabTabMovesFocus', tabMovesFocus());
  editor.onKeyDown((e) => {
    moves.set(tabMovesFocus());
    if (e.keyCode === monaco.KeyCode.Escape) armed.set(true);
    else if (e.keyCode !== monaco.KeyCode.Tab && e.keyCode !== monaco.KeyCode.Shift) armed.set(false);
  });
  editor.onDidBlurEditorText(() => armed.set(false));
  const leave = (backwards: boolean) => () => {
    armed.set(false);
    const node = editor.getDomNode();
    if (node) moveFocusOutOf(node, backwards);
  };
  const when = 'editorTextFocus && !suggestWidgetVisible && (layerlabEscapeArmed || layerlabTabMovesFocus)';
  editor.addCommand(monaco.KeyCode.Tab, leave(false), when);
  editor.addCommand(monaco.KeyMod.Shift | monaco.KeyCode.Tab, leave(true), when);
  return (on) => moves.set(on);
}
