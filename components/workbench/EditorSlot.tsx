'use client';

import dynamic from 'next/dynamic';

/** Same box as the editor, so nothing moves when Monaco arrives. */
function EditorPlaceholder() {
  return (
    <div className="editor-placeholder" aria-busy="true" aria-label="Loading the editor">
      <span>Loading editor…</span>
    </div>
  );
}

/** Monaco is large: fetch it after the page is interactive, never on the server. */
export const EditorSlot = dynamic(() => import('./CodeEditor'), { ssr: false, loading: EditorPlaceholder });
