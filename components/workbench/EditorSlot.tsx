'use client';

import dynamic from 'next/dynamic';
import { useWorkbenchFiles } from './workbench-context';

/**
 * Until Monaco is ready: the open file as plain, read-only text in the editor's
 * box, so the learner can read it at once and nothing moves when Monaco arrives.
 */
export function EditorFallback() {
  const { files, active } = useWorkbenchFiles();
  const file = files.find((f) => f.path === active);
  return (
    <div className="editor-placeholder" aria-busy="true" aria-label="Loading the editor">
      {file ? <pre className="editor-readonly mono">{file.content}</pre> : <span>Loading editor…</span>}
    </div>
  );
}

const importEditor = () => import('./CodeEditor');
// Start fetching the editor with the page rather than after it renders (Monaco itself then starts
// loading as soon as that module runs; see CodeEditor.tsx and the preload links of the lesson page).
if (typeof window !== 'undefined') void importEditor();

/** Monaco is large: never on the server, and fetched from our own origin (public/monaco/<version>/vs). */
export const EditorSlot = dynamic(importEditor, { ssr: false, loading: EditorFallback });
