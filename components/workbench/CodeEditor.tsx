'use client';

/**
 * Monaco, loaded from our own server (public/monaco/vs, copied on postinstall)
 * — never from a CDN. This module is only ever imported through next/dynamic
 * with ssr:false (see EditorSlot), so Monaco stays out of the first-load JS.
 */
import Editor, { loader, type Monaco, type OnMount } from '@monaco-editor/react';
import { useEffect, useRef, useState } from 'react';
import { DOCKERFILE_PATH } from '@/lib/build-context';
import { languageFor } from './workspace';
import { useWorkbench } from './WorkbenchProvider';

loader.config({ paths: { vs: '/monaco/vs' } });

const MARKER_OWNER = 'layerlab';
const uriFor = (path: string) => `file:///workspace/${path}`;

type MonacoEditor = Parameters<OnMount>[0];

declare global {
  interface Window {
    /** Test hook (e2e): Monaco's keyboard handling makes typing long files slow and lossy. */
    __layerlab?: {
      setFile(path: string, content: string): void;
      getFile(path: string): string | undefined;
      markers(path?: string): { line: number; message: string; severity: number }[];
    };
  }
}

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

export default function CodeEditor() {
  const wb = useWorkbench();
  const dark = usePrefersDark();
  const [monaco, setMonaco] = useState<Monaco>();
  const editorRef = useRef<MonacoEditor | null>(null);
  const wbRef = useRef(wb);
  wbRef.current = wb;
  const file = wb.files.find((f) => f.path === wb.active);

  const onMount: OnMount = (editor, m) => {
    editorRef.current = editor;
    setMonaco(m);
    // Ctrl/Cmd+Enter builds even while the editor has focus (Monaco swallows the key otherwise).
    editor.addCommand(m.KeyMod.CtrlCmd | m.KeyCode.Enter, () => void wbRef.current.build());
    window.__layerlab = {
      setFile: (path, content) => {
        const w = wbRef.current;
        if (w.files.some((f) => f.path === path)) w.updateFile(path, content);
        else if (!w.addFile(path)) w.updateFile(path, content);
        w.setActive(path);
      },
      getFile: (path) => wbRef.current.files.find((f) => f.path === path)?.content,
      markers: (path = DOCKERFILE_PATH) =>
        m.editor
          .getModelMarkers({ owner: MARKER_OWNER, resource: m.Uri.parse(uriFor(path)) })
          .map((mk: { startLineNumber: number; message: string; severity: number }) => ({ line: mk.startLineNumber, message: mk.message, severity: mk.severity })),
    };
  };

  // Failed-build and refused lines become squiggles on the Dockerfile, whichever file is open.
  useEffect(() => {
    if (!monaco) return;
    const uri = monaco.Uri.parse(uriFor(DOCKERFILE_PATH));
    let model = monaco.editor.getModel(uri);
    const content = wb.files.find((f) => f.path === DOCKERFILE_PATH)?.content;
    if (!model && content !== undefined) model = monaco.editor.createModel(content, 'dockerfile', uri);
    if (!model) return;
    // A background model (another file is open) is not synced by the Editor component; keep it current.
    if (content !== undefined && model !== editorRef.current?.getModel() && model.getValue() !== content) model.setValue(content);
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

  // Models of deleted or renamed files would otherwise linger (and keep their old text under a reused name).
  useEffect(() => {
    if (!monaco) return;
    const live = new Set(wb.files.map((f) => uriFor(f.path)));
    for (const model of monaco.editor.getModels()) {
      const uri = model.uri.toString();
      if (uri.startsWith('file:///workspace/') && !live.has(uri)) model.dispose();
    }
  }, [monaco, wb.files]);

  useEffect(() => () => void (window.__layerlab = undefined), []);

  if (!file) {
    return <div className="editor-empty">No file open. Add a file to start.</div>;
  }

  return (
    <Editor
      path={uriFor(file.path)}
      language={languageFor(file.path)}
      value={file.content}
      onChange={(value) => wb.updateFile(file.path, value ?? '')}
      beforeMount={defineThemes}
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
        ariaLabel: `Editor: ${file.path}`,
      }}
    />
  );
}
