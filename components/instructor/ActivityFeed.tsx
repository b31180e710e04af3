'use client';

import { timeAgo } from './time-ago';
import styles from './instructor.module.css';
import type { ActivityItem } from './types';

const ICON = { started: '▸', succeeded: '✓', failed: '✕', cancelled: '■' } as const;
const VERB = { started: 'started a build', succeeded: 'built', failed: 'build failed', cancelled: 'stopped a build' } as const;

export function ActivityFeed({ items, lessonTitle }: { items: ActivityItem[]; lessonTitle: (slug?: string) => string | undefined }) {
  if (items.length === 0) return <p className={styles.empty}>Builds will show up here as they start and finish.</p>;
  return (
    <ol className={styles.feed} aria-live="polite" aria-label="Build activity">
      {items.map((i) => (
        <li key={i.key} className={styles.feedItem} data-kind={i.kind}>
          <span className={styles.feedIcon} aria-hidden>
            {ICON[i.kind]}
          </span>
          <span>
            <span className={styles.feedWho}>{i.displayName}</span> {VERB[i.kind]}
            {i.kind === 'succeeded' && i.tag ? <span className="mono"> {i.tag}</span> : null}
            <span className={styles.meta}> · {timeAgo(i.at)}</span>
          </span>
          <span className={styles.feedWhat} title={i.error}>
            {i.error ?? lessonTitle(i.lesson) ?? 'outside a lesson'}
            {i.durationMs !== undefined && !i.error ? ` · ${(i.durationMs / 1000).toFixed(1)} s` : ''}
          </span>
        </li>
      ))}
    </ol>
  );
}
