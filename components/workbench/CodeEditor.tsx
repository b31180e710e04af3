'use client';

/**
 * Monaco, loaded from our own server (public/monaco/<version>/vs, copied on postinstall)
 * — never from a CDN. This module is only ever imported through next/dynamic
 * with ssr:false (see EditorSlot), so Monaco stays out of the first-load JS.
 */
import Editor, { loader, type Monaco, type OnMount } from '@monaco-editor/react';
import { useEffect, useRef, useState } from 'react';
import type { IDisposable } from 'monaco-editor';
import { COACH_OWNER, coachMarkers, describes, registerDockerfileInsight } from '@/components/editor/monaco-dockerfile';
import { DOCKERFILE_PATH } from '@/lib/build-context';
import { MONACO_VS } from '@/lib/monaco-path';
import { registerEditor } from './editor-handle';
import { trapEscape, useTabMovesFocus } from './editor-keyboard';
import { originalOf, takeHandoff } from './plain-handoff';
import { languageFor } from './workspace';
import { useWorkbenchActions, useWorkbenchCoach, useWorkbenchFiles, useWorkbenchJobs } from './workbench-context';

loader.config({ paths: { vs: MONACO_VS } });
// Begin loading Monaco the moment this module arrives, before React mounts the editor.
void loader.init().catch(() => undefined);

const MARKER_OWNER = 'layerlab';
const uriFor = (path: string) => `file:///workspace/${path}`;

type MonacoEditor = Parameters<OnMount>[0];

function usePrefersDark() {
  const [dark, setDark] = useState(false);
  useEffect(() => {
    const query = window.matchMedia('(prefers-color-scheme: dark)');
    setDark(query.matches);
    const onChange = () => setDark(query.matches);
    query.addEventListener('change', onChange);
    return () => query.removeEventListener('change', onChange);
  }, []);
  return dark;
}

function defineThemes(monaco: Monaco) {
  // vs / vs-dark with our surface colours, so the editor sits flush in the page.
  monaco.editor.defineTheme('layerlab-light', {
    base: 'vs',
    inherit: true,
    rules: [],
    colors: { 'editor.background': '#ffffff', 'editorGutter.background': '#ffffff', 'editorLineNumber.foreground': '#9aa3ad' },
  });
  monaco.editor.defineTheme('layerlab-dark', {
    base: 'vs-dark',
    inherit: true,
    rules: [],
    colors: { 'editor.background': '#15181d', 'editorGutter.background': '#15181d', 'editorLineNumber.foreground': '#5b6470' },
  });
}

/**
 * A file typed into before Monaco was ready gets its model here, before the editor exists: holding the
 * text the page opened with, then the learner's text as one edit, so Ctrl+Z in Monaco leads back.
 */
function prepareModel(monaco: Monaco, path: string, language: string, text: string) {
  const original = originalOf(path);
  const uri = monaco.Uri.parse(uriFor(path));
  if (original === undefined || original === text || monaco.editor.getModel(uri)) return;
  const model = monaco.editor.createModel(original, language, uri);
  model.pushStackElement();
  model.pushEditOperations([], [{ range: model.getFullModelRange(), text }], () => null);
  model.pushStackElement();
}

/** Monaco continues where the plain editor stopped: its text (typed since the model was made), caret, scroll and focus. */
function continueFromPlain(editor: MonacoEditor, monaco: Monaco, path: string) {
  const handoff = takeHandoff(path);
  const model = editor.getModel();
  if (!handoff || !model) return;
  if (model.getValue() !== handoff.text) {
    editor.executeEdits('plain-editor', [{ range: model.getFullModelRange(), text: handoff.text }]);
    editor.pushUndoStop();
  }
  const start = model.getPositionAt(handoff.selectionStart);
  const end = model.getPositionAt(handoff.selectionEnd);
  editor.setSelection(monaco.Selection.fromPositions(start, end));
  editor.setScrollTop(handoff.scrollTop);
  if (handoff.focused) editor.focus();
}

export default function CodeEditor({ onReady }: { onReady?: () => void }) {
  const wb = { ...useWorkbenchActions(), ...useWorkbenchFiles(), ...useWorkbenchJobs(), ...useWorkbenchCoach() };
  const dark = usePrefersDark();
  const [monaco, setMonaco] = useState<Monaco>();
  const editorRef = useRef<MonacoEditor | null>(null);
  const insight = useRef<IDisposable | null>(null);
  const revealed = useRef(0);
  /**
   * Texts the editor reported through onChange, per path, that the workbench
   * state may not show yet. Renders lag behind typing (the coach re-renders
   * the page on its own clock too), so a render can carry a text the editor
   * has already moved past: that is an echo of the learner's own typing, and
   * writing it back would drop keystrokes and throw the cursor to the end.
   */
  const echoes = useRef(new Map<string, Set<string>>());
  const tabMovesFocus = useTabMovesFocus();
  const tabMovesFocusRef = useRef(tabMovesFocus.on);
  tabMovesFocusRef.current = tabMovesFocus.on;
  const setTabMoves = useRef<(on: boolean) => void>(undefined);
  useEffect(() => setTabMoves.current?.(tabMovesFocus.on), [tabMovesFocus.on]);
  const wbRef = useRef(wb);
  wbRef.current = wb;
  const file = wb.files.find((f) => f.path === wb.active);

  const onMount: OnMount = (editor, m) => {
    editorRef.current = editor;
    // (@monaco-editor/react keeps the first render's onMount and beforeMount: read the workbench through wbRef.)
    continueFromPlain(editor, m, wbRef.current.active);
    onReady?.();
    setMonaco(m);
    registerEditor(editor);
    // Ctrl/Cmd+Enter builds even while the editor has focus (Monaco swallows the key otherwise).
    editor.addCommand(m.KeyMod.CtrlCmd | m.KeyCode.Enter, () => void wbRef.current.build());
    editor.addCommand(m.KeyMod.CtrlCmd | m.KeyMod.Shift | m.KeyCode.Enter, () => wbRef.current.runIfBuilt());
    setTabMoves.current = trapEscape(editor, m, () => tabMovesFocusRef.current);
    insight.current?.dispose();
    insight.current = registerDockerfileInsight(m, {
      linted: (uri) => (uri === uriFor(DOCKERFILE_PATH) ? wbRef.current.coach : undefined),
      showRule: (id) => wbRef.current.showRule(id),
    });
  };

  const onChange = (path: string, value: string) => {
    const seen = echoes.current.get(path) ?? new Set<string>();
    seen.add(value);
    echoes.current.set(path, seen);
    wb.updateFile(path, value);
  };

  // Files changed outside the editor (a lesson's "Open in editor", reset, the solution) reach
  // their models here, the open one as an undoable edit. The Dockerfile always has a model, for its markers.
  useEffect(() => {
    if (!monaco) return;
    for (const f of wb.files) {
      const uri = monaco.Uri.parse(uriFor(f.path));
      const model = monaco.editor.getModel(uri);
      if (!model) {
        if (f.path === DOCKERFILE_PATH) monaco.editor.createModel(f.content, 'dockerfile', uri);
        continue;
      }
      const seen = echoes.current.get(f.path);
      if (model.getValue() === f.content) {
        seen?.clear();
        continue;
      }
      if (seen?.has(f.content)) continue;
      seen?.clear();
      const editor = editorRef.current;
      if (editor && editor.getModel() === model) {
        editor.executeEdits('workbench', [{ range: model.getFullModelRange(), text: f.content, forceMoveMarkers: true }]);
        editor.pushUndoStop();
      } else {
        model.setValue(f.content);
      }
    }
  }, [monaco, wb.files]);

  // Failed-build and refused lines become squiggles on the Dockerfile, whichever file is open.
  useEffect(() => {
    if (!monaco) return;
    const model = monaco.editor.getModel(monaco.Uri.parse(uriFor(DOCKERFILE_PATH)));
    if (!model) return;
    const lines = model.getLineCount();
    monaco.editor.setModelMarkers(
      model,
      MARKER_OWNER,
      wb.markers
        .filter((mk) => mk.line >= 1 && mk.line <= lines)
        .map((mk) => ({
          severity: monaco.MarkerSeverity.Error,
          message: mk.message,
          startLineNumber: mk.line,
          endLineNumber: mk.line,
          startColumn: model.getLineFirstNonWhitespaceColumn(mk.line) || 1,
          endColumn: model.getLineMaxColumn(mk.line),
        })),
    );
  }, [monaco, wb.markers, wb.files]);

  // The coach's findings, once they describe the Dockerfile as it is (while typing, Monaco moves the old ones along).
  useEffect(() => {
    if (!monaco) return;
    const model = monaco.editor.getModel(monaco.Uri.parse(uriFor(DOCKERFILE_PATH)));
    if (!model) return;
    if (!wb.coach) monaco.editor.setModelMarkers(model, COACH_OWNER, []);
    else if (describes(wb.coach, model))
      monaco.editor.setModelMarkers(model, COACH_OWNER, coachMarkers(monaco, model, wb.coach.diagnostics));
  }, [monaco, wb.coach, wb.files]);

  // "Show line N" from the coach or the layer inspector: the Dockerfile is opened first, then the line shown.
  useEffect(() => {
    const editor = editorRef.current;
    const request = wb.reveal;
    if (!monaco || !editor || !request || revealed.current === request.nonce) return;
    const model = editor.getModel();
    if (!model || model.uri.toString() !== uriFor(DOCKERFILE_PATH)) return;
    revealed.current = request.nonce;
    const line = Math.max(1, Math.min(request.line, model.getLineCount()));
    editor.revealLineInCenterIfOutsideViewport(line);
    editor.setPosition({ lineNumber: line, column: model.getLineFirstNonWhitespaceColumn(line) || 1 });
    editor.focus();
  }, [monaco, wb.reveal, wb.active, file?.path]);

  // Models of deleted or renamed files would otherwise linger (and keep their old text under a reused name).
  useEffect(() => {
    if (!monaco) return;
    const live = new Set(wb.files.map((f) => uriFor(f.path)));
    for (const model of monaco.editor.getModels()) {
      const uri = model.uri.toString();
      if (uri.startsWith('file:///workspace/') && !live.has(uri)) model.dispose();
    }
  }, [monaco, wb.files]);

  useEffect(
    () => () => {
      insight.current?.dispose();
      insight.current = null;
    },
    [],
  );

  if (!file) {
    return <div className="editor-empty">No file open. Add a file to start.</div>;
  }

  return (
    <Editor
      path={uriFor(file.path)}
      language={languageFor(file.path)}
      defaultValue={file.content}
      onChange={(value) => onChange(file.path, value ?? '')}
      beforeMount={(m) => {
        defineThemes(m);
        const open = wbRef.current.files.find((f) => f.path === wbRef.current.active);
        if (open) prepareModel(m, open.path, languageFor(open.path), open.content);
      }}
      onMount={onMount}
      theme={dark ? 'layerlab-dark' : 'layerlab-light'}
      loading={null}
      options={{
        fontSize: 14,
        lineHeight: 21,
        fontFamily: 'ui-monospace, SFMono-Regular, "SF Mono", Menlo, Consolas, "Liberation Mono", monospace',
        minimap: { enabled: false },
        scrollBeyondLastLine: false,
        automaticLayout: true,
        tabSize: 4,
        wordWrap: 'on',
        renderLineHighlight: 'line',
        padding: { top: 12, bottom: 12 },
        scrollbar: { useShadows: false },
        fixedOverflowWidgets: true,
        ariaLabel: `Editor: ${file.path}. ${tabMovesFocus.on ? 'Tab moves focus out of the editor.' : 'Tab indents; press Escape then Tab to leave the editor.'}`,
        // Enter accepts a suggestion only when it would change the text: after typing a whole
        // `python:3.13-slim` with the list still open, Enter starts a new line.
        acceptSuggestionOnEnter: 'smart',
      }}
    />
  );
}
