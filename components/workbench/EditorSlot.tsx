'use client';

import dynamic from 'next/dynamic';
import { useCallback, useState } from 'react';
import { PlainEditor } from './PlainEditor';

const importEditor = () => import('./CodeEditor');
// Start fetching the editor with the page rather than after it renders (Monaco itself then starts
// loading as soon as that module runs; see CodeEditor.tsx and the preload links of the lesson page).
if (typeof window !== 'undefined') void importEditor();

/** Monaco is large: never on the server, and fetched from our own origin (public/monaco/<version>/vs). */
const CodeEditor = dynamic(importEditor, { ssr: false, loading: () => null });

/**
 * The editor's box: the plain editor on top, taking input from the first moment, until Monaco has
 * mounted underneath and taken over its text, caret and focus; then Monaco alone. One plain editor
 * for the whole wait (not one per loading stage), so focus and caret never jump while typing.
 */
export function EditorSlot() {
  const [monacoReady, setMonacoReady] = useState(false);
  const onReady = useCallback(() => setMonacoReady(true), []);
  return (
    <>
      <CodeEditor onReady={onReady} />
      {!monacoReady && <PlainEditor />}
    </>
  );
}
