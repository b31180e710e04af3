'use client';

import dynamic from 'next/dynamic';
import { useEffect, type ReactNode } from 'react';
import { Group, Panel, Separator } from 'react-resizable-panels';
import { Console } from './Console';
import { afterEditorReady } from './editor-handle';
import { EditorSlot } from './EditorSlot';
import { EditorHeader } from './EditorHeader';
import { FileTree } from './FileTree';
import { Toolbar } from './Toolbar';
import { UndoBar } from './UndoBar';
import { useWorkbenchActions, useWorkbenchCoach } from './workbench-context';

/** The coach's summary has nothing to show before the (lazy) linter has run, so it loads lazily too, in a box of its size. */
const CoachBar = dynamic(() => import('@/components/coach/CoachBar'), {
  ssr: false,
  loading: () => (
    <div aria-hidden="true" style={{ flex: 'none', height: 31, borderTop: '1px solid var(--border)', background: 'var(--bg-subtle)' }} />
  ),
});

/** The docker terminal (xterm.js), beside the console; loaded once the editor takes input, in a box of its colour. */
const TerminalPanel = dynamic(() => afterEditorReady().then(() => import('@/components/terminal/TerminalPanel')), {
  ssr: false,
  loading: () => (
    <section className="terminal-panel" aria-label="Terminal" aria-busy="true">
      <div className="terminal-title">Terminal</div>
    </section>
  ),
});

/** A rule's explanation, with react-markdown: only fetched when a learner asks. */
const RuleDocPanel = dynamic(() => import('@/components/rules/RuleDocPanel'), { ssr: false });

/** The open rule's explanation: the only part of the workbench that follows the coach's rule choice. */
function RuleDocSlot() {
  const { ruleDoc } = useWorkbenchCoach();
  const { showRule } = useWorkbenchActions();
  return ruleDoc ? <RuleDocPanel key={ruleDoc} id={ruleDoc} onClose={() => showRule(undefined)} /> : null;
}

/**
 * The right-hand side of a lesson: toolbar, file explorer, editor and console.
 * `check` is where the lesson's "Check my work" panel mounts (a console tab).
 */
export function Workbench({ check }: { check?: ReactNode }) {
  const wb = useWorkbenchActions();

  // Ctrl/Cmd+Enter builds and Ctrl/Cmd+Shift+Enter runs, from anywhere on the page
  // (the editor registers the same bindings: Monaco swallows the keys it handles).
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      // Not behind an open confirmation (e.g. "Replace your files?"): the learner is answering it.
      if (e.key === 'Enter' && (e.ctrlKey || e.metaKey) && !e.defaultPrevented && !document.querySelector('dialog[open]')) {
        e.preventDefault();
        if (e.shiftKey) wb.runIfBuilt();
        else void wb.build();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [wb]);

  return (
    <div className="workbench">
      <Toolbar />
      <Group orientation="vertical" className="workbench-split" id="workbench-split">
        <Panel id="editor" defaultSize="50%" minSize="20%" className="workbench-editor">
          <div className="editor-area">
            <FileTree />
            <div className="editor-main">
              <EditorHeader />
              <UndoBar />
              <div className="editor-host" id="editor-host">
                <EditorSlot />
              </div>
            </div>
          </div>
          <CoachBar />
        </Panel>
        <Separator className="separator separator-h" />
        <Panel id="console" defaultSize="50%" minSize="15%" className="workbench-console">
          <Group orientation="horizontal" id="console-terminal-split">
            <Panel id="console-output" defaultSize="45%" minSize="20%">
              <Console check={check} />
            </Panel>
            <Separator className="separator separator-v" />
            <Panel id="terminal-pane" defaultSize="55%" minSize="20%">
              <TerminalPanel />
            </Panel>
          </Group>
        </Panel>
      </Group>
      <RuleDocSlot />
    </div>
  );
}
