'use client';

import '@xterm/xterm/css/xterm.css';
import { FitAddon } from '@xterm/addon-fit';
import { WebLinksAddon } from '@xterm/addon-web-links';
import { Terminal } from '@xterm/xterm';
import { useEffect, useRef } from 'react';
import { useWorkbenchActions } from '@/components/workbench/workbench-context';
import { PASTE_EVENT } from './paste';
import { TerminalSession } from './terminal-session';

/**
 * The terminal beside the console: xterm.js (bundled, served from our origin)
 * with a `docker` prompt. Loaded lazily by the workbench; sized to its panel,
 * and an interactive shell follows every resize.
 */
export default function TerminalPanel() {
  const host = useRef<HTMLDivElement>(null);
  const wb = useWorkbenchActions();
  const wbRef = useRef(wb);
  wbRef.current = wb;

  useEffect(() => {
    const el = host.current;
    if (!el) return;
    const term = new Terminal({
      cursorBlink: true,
      fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, "Liberation Mono", monospace',
      fontSize: 13,
      scrollback: 5000,
      theme: { background: '#0d1117', foreground: '#e6edf3', cursor: '#e6edf3' },
    });
    const fit = new FitAddon();
    term.loadAddon(fit);
    term.loadAddon(new WebLinksAddon());
    term.open(el);
    // Tab completes inside the terminal; Shift+Tab is left to the browser, so keyboard users can move on.
    term.attachCustomKeyEventHandler((e) => !(e.key === 'Tab' && e.shiftKey));
    const refit = () => {
      try {
        fit.fit();
      } catch {
        // not laid out yet
      }
    };
    refit();
    // The screen as text, wrapped rows joined into their lines: for tests and tools that read the terminal.
    (el as HTMLElement & { terminalText?: () => string }).terminalText = () => {
      const buffer = term.buffer.active;
      const lines: string[] = [];
      for (let i = 0; i < buffer.length; i++) {
        const row = buffer.getLine(i);
        if (!row) continue;
        const text = row.translateToString(true);
        if (row.isWrapped && lines.length) lines[lines.length - 1] += text;
        else lines.push(text);
      }
      return lines.join('\n').replace(/\n+$/, '');
    };
    const observer = new ResizeObserver(refit);
    observer.observe(el);
    const session = new TerminalSession(term, {
      files: () => wbRef.current.currentFiles(),
      lesson: () => wbRef.current.lesson,
    });
    void session.start();
    const onPaste = (e: Event) => session.paste((e as CustomEvent<string>).detail);
    window.addEventListener(PASTE_EVENT, onPaste);
    return () => {
      window.removeEventListener(PASTE_EVENT, onPaste);
      observer.disconnect();
      session.dispose();
      term.dispose();
    };
  }, []);

  return (
    <section className="terminal-panel" aria-label="Terminal">
      <div className="terminal-title">
        Terminal <span className="terminal-keys">Tab completes · ↑ history · Ctrl+C cancels · Shift+Tab leaves</span>
      </div>
      <div ref={host} className="terminal-host" data-testid="terminal" />
    </section>
  );
}
