'use client';

import { useMemo, useState, type ReactNode } from 'react';
import { logicalLines, mentionsDockerCommand, parseDockerCommands, runsInWorkbench } from '@/lib/docker-cli';
import { lineDiff } from '@/lib/line-diff';
import { pasteIntoTerminal } from '../terminal/paste';
import { ConfirmDialog } from '../ui/ConfirmDialog';
import { useOptionalWorkbenchActions, useWorkbenchBusy } from '../workbench/workbench-context';
import { placeSnippet, type Placement } from './place-snippet';

const SHELL = new Set(['', 'bash', 'sh', 'shell', 'console', 'zsh', 'shell-session']);

/**
 * Wraps a server-rendered code block with actions: a Dockerfile can be opened
 * in the editor; a shell block with `docker build`/`docker run` lines can be run by
 * the workbench, every such line in order. Commands are parsed (lib/docker-cli, the
 * terminal's grammar), never executed as text; lines that need the terminal say so.
 * A ```terminal block has one command, which "Paste into terminal" types at its prompt.
 */
export function LessonCodeBlock({ lang, source, children }: { lang: string; source: string; children: ReactNode }) {
  const wb = useOptionalWorkbenchActions();
  const [confirming, setConfirming] = useState(false);
  /** A fragment's result, shown as a diff before it goes in. */
  const [preview, setPreview] = useState<{ current: string; placement: Extract<Placement, { kind: 'insert' }> }>();
  const [copied, setCopied] = useState(false);
  const isDockerfile = lang === 'dockerfile' || lang === 'docker';
  const terminalLine = lang === 'terminal' ? logicalLines(source)[0] : undefined;
  const commands = useMemo(
    () => (SHELL.has(lang) && mentionsDockerCommand(source) ? parseDockerCommands(source) : undefined),
    [lang, source],
  );
  const runnableCommands = commands?.filter(runsInWorkbench) ?? [];
  const runnable = runnableCommands.length > 0;
  const skipped = commands?.filter((c) => !runsInWorkbench(c)) ?? [];
  const busy = useWorkbenchBusy();

  // A whole Dockerfile replaces the learner's (asking first when they changed it); a fragment is never
  // pasted over the file: it goes where it belongs, after a preview. Either way a visible Undo follows.
  const openInEditor = () => {
    if (!wb) return;
    const current = wb.currentFiles().find((f) => f.path === 'Dockerfile')?.content ?? '';
    const placement = placeSnippet(current, source);
    if (placement.kind === 'insert') setPreview({ current, placement });
    else if (current.trim() !== '' && current !== placement.result && wb.dockerfileEdited()) setConfirming(true);
    else replace();
  };
  const replace = () => wb?.placeDockerfile(placeSnippet('', source).result, 'Your Dockerfile was replaced with the lesson’s example.');

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(source);
      setCopied(true);
      setTimeout(() => setCopied(false), 1500);
    } catch {
      // Clipboard access can be denied (insecure origin, permissions); the text stays selectable.
    }
  };

  return (
    <div className="codeblock" data-lang={lang || undefined}>
      <div className="codeblock-bar">
        <span className="codeblock-lang">{isDockerfile ? 'Dockerfile' : lang || 'text'}</span>
        <span className="codeblock-actions">
          <button type="button" className="btn btn-xs btn-ghost" onClick={copy}>
            {copied ? 'Copied' : 'Copy'}
          </button>
          {wb && isDockerfile && (
            <button type="button" className="btn btn-xs btn-accent" onClick={openInEditor}>
              Open in editor
            </button>
          )}
          {wb && terminalLine && (
            <button
              type="button"
              className="btn btn-xs btn-accent"
              title="Type this command at the terminal's prompt; press Enter there to run it"
              onClick={() => pasteIntoTerminal(terminalLine)}
            >
              Paste into terminal
            </button>
          )}
          {wb && runnable && (
            <button
              type="button"
              className="btn btn-xs btn-accent"
              disabled={busy}
              title={
                busy
                  ? 'Wait for the current build or run to finish'
                  : `Run ${runnableCommands.length === 1 ? 'this command' : `these ${runnableCommands.length} commands, in order,`} in the workbench`
              }
              onClick={() => void wb.runCommands(runnableCommands)}
            >
              ▶ Run this
            </button>
          )}
        </span>
      </div>
      {/* Focusable, so a keyboard can scroll a long line into view. */}
      <pre tabIndex={0}>{children}</pre>
      {wb && runnable && skipped.length > 0 && (
        <div className="codeblock-note">
          <p>Not run from here:</p>
          <ul>
            {skipped.map((c, i) => (
              <li key={i}>
                <code>{c.source}</code> — {c.kind === 'unsupported' ? c.reason.split('\n')[0] : 'type it in the terminal below the editor.'}
              </li>
            ))}
          </ul>
        </div>
      )}
      {wb && (
        <ConfirmDialog
          open={confirming}
          title="Replace your Dockerfile?"
          confirmLabel="Replace"
          onCancel={() => setConfirming(false)}
          onConfirm={() => {
            replace();
            setConfirming(false);
          }}
        >
          Your Dockerfile has changes. Opening this example replaces it; the other files stay as they are. You can undo it.
        </ConfirmDialog>
      )}
      {wb && preview && (
        <ConfirmDialog
          open
          title="Insert these lines into your Dockerfile?"
          confirmLabel="Insert"
          onCancel={() => setPreview(undefined)}
          onConfirm={() => {
            wb.placeDockerfile(preview.placement.result, `The example went into your Dockerfile at line ${preview.placement.line}.`);
            setPreview(undefined);
          }}
        >
          This example is part of a Dockerfile. Your Dockerfile will become (green: added, struck out: removed):
          <pre className="snippet-preview" data-testid="snippet-preview">
            {lineDiff(preview.current, preview.placement.result).map((l, i) => (
              <span key={i} data-type={l.type}>
                {l.type === 'added' ? '+ ' : l.type === 'removed' ? '- ' : '  '}
                {l.text}
              </span>
            ))}
          </pre>
        </ConfirmDialog>
      )}
    </div>
  );
}
