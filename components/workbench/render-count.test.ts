// @vitest-environment happy-dom
import { act, createElement as h } from 'react';
import { createRoot } from 'react-dom/client';
import { describe, expect, it, vi } from 'vitest';
import { useWorkbenchActions, useWorkbenchFiles, WorkbenchProvider } from './WorkbenchProvider';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

// Counts the lesson code block's renders (React's <Profiler> does not report a consumer re-rendered by context alone).
const renders = vi.hoisted(() => ({ codeBlock: 0 }));
vi.mock('@/components/lesson/LessonCodeBlock', async (original) => {
  const real = (await original<typeof import('@/components/lesson/LessonCodeBlock')>()).LessonCodeBlock;
  return { LessonCodeBlock: (props: Parameters<typeof real>[0]) => (renders.codeBlock++, real(props)) };
});
const { LessonCodeBlock } = await import('@/components/lesson/LessonCodeBlock');

describe('workbench re-renders', () => {
  it('a keystroke re-renders the editor state, not the lesson code blocks', async () => {
    let type: (s: string) => void = () => {};
    let editorRenders = 0;
    function Typist() {
      const { updateFile } = useWorkbenchActions();
      type = (s) => updateFile('Dockerfile', s);
      return null;
    }
    /** Stands in for the editor: a reader of the files must see every keystroke. */
    function EditorProbe() {
      useWorkbenchFiles();
      editorRenders++;
      return null;
    }
    const root = createRoot(document.createElement('div'));
    await act(async () =>
      root.render(
        h(WorkbenchProvider, {
          lesson: 'x',
          starter: { files: [{ path: 'Dockerfile', content: 'FROM alpine' }], tag: 'x', open: 'Dockerfile' },
          children: [
            h(Typist, { key: 't' }),
            h(EditorProbe, { key: 'e' }),
            h(LessonCodeBlock, { key: 'a', lang: 'dockerfile', source: 'FROM python:3.13-slim', children: 'x' }),
            h(LessonCodeBlock, { key: 'b', lang: 'sh', source: 'docker run hello', children: 'y' }),
          ],
        }),
      ),
    );
    const initial = { codeBlock: renders.codeBlock, editor: editorRenders };
    for (let i = 0; i < 10; i++) await act(async () => type(`FROM alpine\nRUN echo ${i}`));
    // Before the split (one 33-member context) this was 20: both blocks re-rendered on every keystroke.
    expect(renders.codeBlock - initial.codeBlock).toBe(0);
    expect(editorRenders - initial.editor).toBeGreaterThanOrEqual(10);
    await act(async () => root.unmount());
  });
});
