'use client';

import { useEffect, useRef, useState } from 'react';
import { useTabMovesFocus } from './editor-keyboard';
import { registerPlainEditor, rememberOriginal } from './plain-handoff';
import { labelFor, textareaHtml } from './plain-text-html';
import { useWorkbenchActions, useWorkbenchFiles } from './workbench-context';

/**
 * The open file as plain text, editable as soon as the page is painted, while Monaco (4.9 MB of JS)
 * loads: the learner can start typing at once, and Monaco takes over with the same text, caret and
 * focus (plain-handoff.ts).
 */
export function PlainEditor() {
  const { files, active } = useWorkbenchFiles();
  const file = files.find((f) => f.path === active);
  if (!file) return <div className="editor-empty">No file open. Add a file to start.</div>;
  return <PlainText path={file.path} content={file.content} />;
}

function PlainText({ path, content }: { path: string; content: string }) {
  const { updateFile } = useWorkbenchActions();
  const tabKey = useTabMovesFocus();
  const host = useRef<HTMLDivElement>(null);
  // The markup of the first render only: React never rewrites it, the effects below keep it current.
  const [html] = useState(() => textareaHtml(path, content));
  const latest = useRef({ path, content, tabMovesFocus: tabKey.on, updateFile });
  /** Texts sent to the workbench that a (lagging) render may still bring back: echoes, not edits. */
  const sent = useRef(new Set<string>());

  useEffect(() => {
    latest.current = { path, content, tabMovesFocus: tabKey.on, updateFile };
  });

  // Typing, Tab, and what was typed before React hydrated the page.
  useEffect(() => {
    const element = host.current?.querySelector('textarea');
    if (!element) return;
    const send = () => {
      const { path, updateFile } = latest.current;
      sent.current.add(element.value);
      updateFile(path, element.value);
    };
    let escapeArmed = false;
    // As in the full editor: Tab indents unless the learner chose "Tab moves focus"; Escape then Tab leaves.
    const onKeyDown = (e: KeyboardEvent) => {
      const armed = escapeArmed;
      escapeArmed = e.key === 'Escape' || (armed && e.key === 'Shift');
      if (e.key !== 'Tab' || e.shiftKey || armed || e.ctrlKey || e.metaKey || e.altKey || latest.current.tabMovesFocus) return;
      e.preventDefault();
      element.setRangeText('    ', element.selectionStart, element.selectionEnd, 'end');
      send();
    };
    element.addEventListener('input', send);
    element.addEventListener('keydown', onKeyDown);
    // (A text area holds \n line ends only: a file with \r\n is not "typed into" for that.)
    if (element.value !== latest.current.content.replace(/\r\n?/g, '\n')) send();
    return () => {
      element.removeEventListener('input', send);
      element.removeEventListener('keydown', onKeyDown);
    };
  }, []);

  // The file shown: the one opened in the explorer, its text as the page opened it (where Monaco's undo leads).
  const shown = useRef(path);
  useEffect(() => {
    const element = host.current?.querySelector('textarea');
    if (!element) return;
    if (shown.current !== path) {
      shown.current = path;
      sent.current.clear();
      element.value = latest.current.content;
      element.setSelectionRange(0, 0);
      element.scrollTop = 0;
    }
    rememberOriginal(path, latest.current.content);
    element.setAttribute('aria-label', labelFor(path));
    registerPlainEditor({ path, element });
    return () => registerPlainEditor(undefined);
  }, [path]);

  // Text changed outside (another file opened, "Open in editor", reset) reaches the text area.
  useEffect(() => {
    const element = host.current?.querySelector('textarea');
    if (!element || element.value === content) {
      sent.current.clear();
      return;
    }
    if (sent.current.has(content)) return;
    sent.current.clear();
    element.value = content;
  }, [content]);

  return <div className="editor-placeholder" ref={host} dangerouslySetInnerHTML={{ __html: html }} />;
}
