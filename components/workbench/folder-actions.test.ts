// @vitest-environment happy-dom
import { act, createElement as h } from 'react';
import { createRoot } from 'react-dom/client';
import { afterEach, describe, expect, it } from 'vitest';
import { useWorkbenchActions, useWorkbenchFiles, WorkbenchProvider, type FilesState, type WorkbenchActions } from './WorkbenchProvider';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

/** The explorer's folder actions, through the real provider: what the files and the open file become. */
const STARTER = [
  { path: 'Dockerfile', content: 'FROM python:3.13-slim\nCOPY tests/ tests/\n' },
  { path: 'tests/test_app.py', content: 'def test_ok():\n    assert True\n' },
  { path: 'tests/data/input.txt', content: 'x' },
  { path: 'app.py', content: 'print(1)' },
];

let root: ReturnType<typeof createRoot> | undefined;
afterEach(async () => {
  await act(async () => root?.unmount());
  root = undefined;
});

async function mount(open: string) {
  const seen: { actions?: WorkbenchActions; files?: FilesState } = {};
  function Probe() {
    seen.actions = useWorkbenchActions();
    seen.files = useWorkbenchFiles();
    return null;
  }
  root = createRoot(document.createElement('div'));
  await act(async () =>
    root!.render(h(WorkbenchProvider, { lesson: 'x', starter: { files: STARTER, tag: 'x', open }, children: h(Probe) })),
  );
  return { actions: () => seen.actions!, state: () => seen.files! };
}

describe('renameFolder', () => {
  it('moves every file under the folder with its content, and the open file along', async () => {
    const wb = await mount('tests/test_app.py');
    let problem: string | undefined = 'not called';
    await act(async () => {
      problem = wb.actions().renameFolder('tests', 'spec');
    });
    expect(problem).toBeUndefined();
    expect(wb.state().files).toEqual([
      STARTER[0],
      { path: 'spec/test_app.py', content: STARTER[1].content },
      { path: 'spec/data/input.txt', content: 'x' },
      STARTER[3],
    ]);
    expect(wb.state().active).toBe('spec/test_app.py');
  });

  it('refuses a clash with a sentence and changes nothing', async () => {
    const wb = await mount('Dockerfile');
    let problem: string | undefined;
    await act(async () => {
      problem = wb.actions().renameFolder('tests', 'app.py');
    });
    expect(problem).toBe('A file named “app.py” already exists.');
    expect(wb.state().files).toEqual(STARTER);
  });
});

describe('deleteFolder', () => {
  it('removes every file under the folder; an open file inside gives way to the Dockerfile', async () => {
    const wb = await mount('tests/data/input.txt');
    await act(async () => wb.actions().deleteFolder('tests'));
    expect(wb.state().files.map((f) => f.path)).toEqual(['Dockerfile', 'app.py']);
    expect(wb.state().active).toBe('Dockerfile');
  });
});
