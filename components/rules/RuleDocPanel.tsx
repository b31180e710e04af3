'use client';

import { useEffect, useRef, useState } from 'react';
import Markdown from 'react-markdown';
import remarkGfm from 'remark-gfm';
import { learnerApi, settle, type RuleDoc } from '@/lib/api-client';
import styles from './RuleDocPanel.module.css';

type State = { phase: 'loading' } | { phase: 'shown'; doc: RuleDoc } | { phase: 'error'; message: string };

const cache = new Map<string, RuleDoc>();
/** The page's sections sit under the panel's own heading (h2). */
const SUBHEADINGS = { h1: 'h3', h2: 'h3', h3: 'h4' } as const;

/**
 * A coach rule's explanation (docs/rules/<id>.md, served by /api/rules/:id)
 * in a side panel beside the editor: not modal, so the learner can read it
 * and fix the Dockerfile at once. Loaded lazily with react-markdown.
 */
export default function RuleDocPanel({ id, onClose }: { id: string; onClose(): void }) {
  const [state, setState] = useState<State>(() => {
    const doc = cache.get(id);
    return doc ? { phase: 'shown', doc } : { phase: 'loading' };
  });
  const closeRef = useRef<HTMLButtonElement>(null);
  const returnTo = useRef<Element | null>(null);

  useEffect(() => {
    const known = cache.get(id);
    if (known) {
      setState({ phase: 'shown', doc: known });
      return;
    }
    let live = true;
    setState({ phase: 'loading' });
    void settle(learnerApi.ruleDoc(id)).then((result) => {
      if (!live) return;
      if (result.ok) cache.set(id, result.data);
      setState(result.ok ? { phase: 'shown', doc: result.data } : { phase: 'error', message: result.error.message });
    });
    return () => {
      live = false;
    };
  }, [id]);

  // Focus moves into the panel and back to where the learner was when it closes.
  useEffect(() => {
    returnTo.current = document.activeElement;
    closeRef.current?.focus();
    return () => {
      const back = returnTo.current;
      if (back instanceof HTMLElement && back.isConnected) back.focus();
    };
  }, []);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape' && !e.defaultPrevented) onClose();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onClose]);

  const title = state.phase === 'shown' ? state.doc.title : id;
  return (
    <aside className={styles.panel} role="dialog" aria-modal="false" aria-labelledby="rule-doc-title" data-testid="rule-doc">
      <header className={styles.header}>
        <div className={styles.heading}>
          <span className={styles.kicker}>Dockerfile coach</span>
          <h2 id="rule-doc-title" className={styles.title}>
            {title}
          </h2>
        </div>
        <button ref={closeRef} type="button" className="btn btn-sm btn-ghost" onClick={onClose} aria-label="Close the explanation">
          ✕
        </button>
      </header>
      <div className={styles.body}>
        {state.phase === 'loading' && <p className={styles.note}>Loading…</p>}
        {state.phase === 'error' && (
          <p className="inline-error" role="alert">
            {state.message}
          </p>
        )}
        {state.phase === 'shown' && (
          <div className={`prose ${styles.doc}`}>
            <p className={styles.meta}>
              <code>{state.doc.id}</code>
              <span className={styles.severity} data-severity={state.doc.severity}>
                {state.doc.severity}
              </span>
            </p>
            <Markdown remarkPlugins={[remarkGfm]} components={SUBHEADINGS}>
              {withoutPreamble(state.doc.markdown)}
            </Markdown>
          </div>
        )}
      </div>
    </aside>
  );
}

/** The page opens with `# Title` and a "`id` · severity" line; the panel's header already shows both. */
function withoutPreamble(markdown: string): string {
  return markdown.replace(/^\s*#\s[^\n]*\n+/, '').replace(/^`[^`\n]+`\s*·\s*\w+\s*\n+/, '');
}
