'use client';

import { useRef, useState } from 'react';
import { instructorApi } from '@/lib/api-client';
import type { ClassPatch } from '@/lib/api-client/instructor';
import styles from './instructor.module.css';
import type { ClassRecord } from './types';

type Lesson = { slug: string; title: string };

/** Pause builds (learners see the reason), cap the class's concurrent builds, choose the visible lessons. */
export function ClassSettingsPanel({
  cls,
  lessons,
  csrf,
  onChange,
}: {
  cls: ClassRecord;
  lessons: Lesson[];
  csrf: string;
  onChange: (cls: ClassRecord) => void;
}) {
  const [reason, setReason] = useState(cls.pauseReason ?? '');
  const [limit, setLimit] = useState(cls.maxConcurrentBuilds ? String(cls.maxConcurrentBuilds) : '');
  const [visible, setVisible] = useState<Set<string>>(new Set(cls.visibleLessons ?? lessons.map((l) => l.slug)));
  const [error, setError] = useState<string>();
  const [saved, setSaved] = useState(false);

  // One request per action; when two are in flight, only the answer to the latest is shown,
  // so a slow earlier answer can never untick a box the instructor just ticked.
  const latestRequest = useRef(0);
  async function patch(body: ClassPatch) {
    const mine = ++latestRequest.current;
    setError(undefined);
    setSaved(false);
    try {
      const updated = await instructorApi.updateClass(csrf, cls.id, body);
      if (mine !== latestRequest.current) return;
      onChange(updated);
      setSaved(true);
    } catch (err) {
      if (mine === latestRequest.current) setError((err as Error).message);
    }
  }

  const all = visible.size === lessons.length;
  return (
    <section className={styles.card} aria-labelledby="settings-heading">
      <div className={styles.cardHeader}>
        <h2 id="settings-heading">Class settings</h2>
        {saved && <span className={styles.meta}>Saved</span>}
      </div>
      <div className={`${styles.cardBody} ${styles.settings}`}>
        <div>
          <label className={styles.toggle}>
            <input
              type="checkbox"
              checked={cls.buildsPaused}
              onChange={(e) => void patch({ buildsPaused: e.target.checked, pauseReason: reason.trim() || null })}
            />
            Pause builds
          </label>
          {/* The reason travels with the tick (one request); while paused, Enter updates it. Never saved on blur:
              typing a reason and then ticking the box used to send two racing requests. */}
          <form
            onSubmit={(e) => {
              e.preventDefault();
              if (reason.trim() !== (cls.pauseReason ?? '')) void patch({ pauseReason: reason.trim() || null });
            }}
          >
            <input
              className="input input-sm"
              style={{ width: '100%', marginTop: 6 }}
              placeholder="Reason learners see, e.g. “Eyes on the projector”"
              value={reason}
              maxLength={200}
              onChange={(e) => setReason(e.target.value)}
              aria-label="Reason for pausing builds"
              aria-describedby="pause-reason-hint"
            />
            <span id="pause-reason-hint" className={styles.hint}>
              Sent when you tick “Pause builds”; press Enter to change it while paused.
            </span>
          </form>
        </div>
        <div className={styles.row}>
          <label htmlFor="max-builds">Builds at once</label>
          <input
            id="max-builds"
            className="input input-sm"
            style={{ width: 80 }}
            type="number"
            min={1}
            max={1000}
            placeholder="no cap"
            value={limit}
            onChange={(e) => setLimit(e.target.value)}
            onBlur={() => void patch({ maxConcurrentBuilds: limit ? Number(limit) : null })}
          />
        </div>
        <div>
          <p className={styles.hint} style={{ marginBottom: 6 }}>
            Lessons learners see
          </p>
          <div className={styles.lessonChecks}>
            {lessons.map((l, i) => (
              <label key={l.slug}>
                <input
                  type="checkbox"
                  checked={visible.has(l.slug)}
                  onChange={(e) => {
                    const next = new Set(visible);
                    if (e.target.checked) next.add(l.slug);
                    else next.delete(l.slug);
                    setVisible(next);
                  }}
                />
                {i + 1}. {l.title}
              </label>
            ))}
          </div>
          <button
            className="btn btn-xs"
            style={{ marginTop: 8 }}
            disabled={visible.size === 0}
            onClick={() => void patch({ visibleLessons: all ? null : lessons.filter((l) => visible.has(l.slug)).map((l) => l.slug) })}
          >
            Apply lessons
          </button>
        </div>
        {error && <p className={styles.error}>{error}</p>}
      </div>
    </section>
  );
}
