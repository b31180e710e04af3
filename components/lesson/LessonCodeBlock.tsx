'use client';

import { useMemo, useState, type ReactNode } from 'react';
import { logicalLines, mentionsDockerCommand, parseDockerCommands, runsInWorkbench } from '@/lib/docker-cli';
import { pasteIntoTerminal } from '../terminal/paste';
import { ConfirmDialog } from '../ui/ConfirmDialog';
import { useOptionalWorkbenchActions, useWorkbenchBusy } from '../workbench/workbench-context';

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

  const openInEditor = () => {
    if (!wb) return;
    const current = wb.currentFiles().find((f) => f.path === 'Dockerfile')?.content;
    if (current !== undefined && current !== source && wb.dockerfileEdited()) setConfirming(true);
    else wb.openDockerfile(source);
  };

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
            <button type="button" className="btn btn-xs btn-accent" title="Type this command at the terminal's prompt; press Enter there to run it" onClick={() => pasteIntoTerminal(terminalLine)}>
              Paste into terminal
            </button>
          )}
          {wb && runnable && (
            <button
              type="button"
              className="btn btn-xs btn-accent"
              disabled={busy}
              title={busy ? 'Wait for the current build or run to finish' : `Run ${runnableCommands.length === 1 ? 'this command' : `these ${runnableCommands.length} commands, in order,`} in the workbench`}
              onClick={() => void wb.runCommands(runnableCommands)}
            >
              ▶ Run this
            </button>
          )}
        </span>
      </div>
      <pre>{children}</pre>
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
            wb.openDockerfile(source);
            setConfirming(false);
          }}
        >
          Your Dockerfile has changes. Opening this example replaces it; the other files stay as they are.
        </ConfirmDialog>
      )}
    </div>
  );
}
