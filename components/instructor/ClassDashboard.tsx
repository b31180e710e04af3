'use client';

import Link from 'next/link';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { ActivityFeed } from './ActivityFeed';
import { ClassSettingsPanel } from './ClassSettingsPanel';
import { HeatmapPanel } from './HeatmapPanel';
import styles from './instructor.module.css';
import { LearnerDrawer } from './LearnerDrawer';
import { GridLegend, ProgressGrid } from './ProgressGrid';
import { SignOutButton } from './SignOutButton';
import type { ActivityItem, ClassGrid, ClassRecord } from './types';

type Live = 'connecting' | 'open' | 'error';

/** The class dashboard: join code, live grid and activity (SSE), settings, heatmap, a learner's work. */
export function ClassDashboard({
  initialClass,
  initialGrid,
  allLessons,
  csrf,
}: {
  initialClass: ClassRecord;
  initialGrid: ClassGrid;
  allLessons: { slug: string; title: string }[];
  csrf: string;
}) {
  const [cls, setCls] = useState(initialClass);
  const [grid, setGrid] = useState(initialGrid);
  const [feed, setFeed] = useState<ActivityItem[]>([]);
  const [live, setLive] = useState<Live>('connecting');
  const [view, setView] = useState<'grid' | 'heatmap'>('grid');
  const [open, setOpen] = useState<{ learner: string; lesson: string }>();
  const [joinUrl, setJoinUrl] = useState(`/join/${cls.code}`);

  useEffect(() => setJoinUrl(`${window.location.origin}/join/${cls.code}`), [cls.code]);

  useEffect(() => {
    const source = new EventSource(`/api/classes/${cls.id}/events`);
    source.onopen = () => setLive('open');
    source.onerror = () => setLive('error');
    source.addEventListener('grid', (e) => setGrid(JSON.parse((e as MessageEvent).data)));
    source.addEventListener('activity', (e) => {
      const item = JSON.parse((e as MessageEvent).data) as ActivityItem;
      setFeed((f) => (f.some((x) => x.key === item.key) ? f : [item, ...f].slice(0, 100)));
    });
    return () => source.close();
  }, [cls.id]);

  const titles = useMemo(() => new Map(allLessons.map((l) => [l.slug, l.title])), [allLessons]);
  const lessonTitle = useCallback((slug?: string) => (slug ? titles.get(slug) : undefined), [titles]);
  const done = grid.learners.reduce((n, r) => n + Object.values(r.cells).filter((c) => c.state === 'done').length, 0);
  // The heatmap refreshes when the grid changes (a check ran, a build finished).
  const version = useMemo(() => String(feed.length) + JSON.stringify(grid).length, [feed.length, grid]);

  return (
    <div className={styles.page}>
      <header className={styles.pageHeader}>
        <div>
          <p className={styles.eyebrow}>
            <Link href="/instructor">Classes</Link> / {cls.code}
          </p>
          <h1>{cls.name}</h1>
        </div>
        <div className={styles.actions}>
          <span className={styles.live} data-state={live} role="status">
            <span className={styles.liveDot} aria-hidden />
            {live === 'open' ? 'Live' : live === 'error' ? 'Reconnecting…' : 'Connecting…'}
          </span>
          <a className="btn btn-sm" href={`/api/classes/${cls.id}/export`} download>
            Export CSV
          </a>
          <SignOutButton csrf={csrf} />
        </div>
      </header>

      <section className={`${styles.card} ${styles.joinBanner}`} aria-label="Join code">
        <div>
          <p className={styles.eyebrow}>Join code</p>
          <span className={styles.joinCode} data-testid="join-code">
            {cls.code}
          </span>
        </div>
        <div style={{ flex: 1, minWidth: 220 }}>
          <p className={styles.eyebrow}>Learners open</p>
          <span className={styles.joinUrl}>{joinUrl}</span>
        </div>
        <button className="btn btn-sm" onClick={() => void navigator.clipboard?.writeText(joinUrl)}>
          Copy link
        </button>
        <div className={styles.meta}>
          {grid.learners.length} learner{grid.learners.length === 1 ? '' : 's'} · {done} lesson{done === 1 ? '' : 's'} done
        </div>
      </section>

      {cls.buildsPaused && (
        <p className={styles.pausedNote} role="status">
          Builds are paused for this class{cls.pauseReason ? `: ${cls.pauseReason}` : '.'} Learners see this beside their Build button.
        </p>
      )}

      <div className={styles.layout}>
        <div className={styles.stack}>
          <section className={styles.card}>
            <div className={styles.cardHeader}>
              <div className={styles.tabs} role="tablist" style={{ borderBottom: 0 }}>
                <button role="tab" className={styles.tab} aria-selected={view === 'grid'} onClick={() => setView('grid')}>
                  Progress
                </button>
                <button role="tab" className={styles.tab} aria-selected={view === 'heatmap'} onClick={() => setView('heatmap')}>
                  Where it hurts
                </button>
              </div>
              {view === 'grid' && <GridLegend />}
            </div>
            {view === 'grid' ? (
              <ProgressGrid grid={grid} onOpen={(learner, lesson) => setOpen({ learner, lesson })} />
            ) : (
              <HeatmapPanel classId={cls.id} csrf={csrf} version={version} />
            )}
          </section>
        </div>
        <div className={styles.stack}>
          <section className={styles.card} aria-labelledby="activity-heading">
            <div className={styles.cardHeader}>
              <h2 id="activity-heading">Activity</h2>
            </div>
            <ActivityFeed items={feed} lessonTitle={lessonTitle} />
          </section>
          <ClassSettingsPanel cls={cls} lessons={allLessons} csrf={csrf} onChange={setCls} />
        </div>
      </div>

      {open && (
        <LearnerDrawer
          classId={cls.id}
          learner={open.learner}
          lesson={open.lesson}
          lessonTitle={lessonTitle(open.lesson) ?? open.lesson}
          csrf={csrf}
          onClose={() => setOpen(undefined)}
        />
      )}
    </div>
  );
}
