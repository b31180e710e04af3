'use client';

import { useCallback, useEffect, useState } from 'react';
import { instructorApi, type ImagesOverview as Overview } from '@/lib/api-client';
import styles from './instructor.module.css';

const mb = (b?: number) => (b === undefined ? '' : `${Math.round(b / 1e6)} MB`);

/** Base images before class: present or not, warm them all with one click, follow the progress. */
export function ImageWarmup({ csrf }: { csrf: string }) {
  const [data, setData] = useState<Overview>();
  const [error, setError] = useState<string>();

  const load = useCallback(async () => {
    try {
      setData(await instructorApi.imagesOverview(csrf));
      setError(undefined);
    } catch (err) {
      setError((err as Error).message);
    }
  }, [csrf]);

  useEffect(() => {
    void load();
  }, [load]);
  useEffect(() => {
    if (!data?.warmup.running) return;
    const t = setInterval(() => void load(), 2000);
    return () => clearInterval(t);
  }, [data?.warmup.running, load]);

  async function warm(refs: string[]) {
    await instructorApi.warmImages(csrf, refs).catch((err) => setError((err as Error).message));
    await load();
  }

  const missing = data?.images.filter((i) => !i.present && i.lessons.length).map((i) => i.ref) ?? [];
  return (
    <section className={styles.card} aria-labelledby="images-heading">
      <div className={styles.cardHeader}>
        <h2 id="images-heading">Base images</h2>
        <button className="btn btn-sm" disabled={!data || data.warmup.running} onClick={() => void warm(missing)}>
          {data?.warmup.running ? (
            <>
              <span className="spinner spinner-sm" aria-hidden /> Warming…
            </>
          ) : missing.length ? (
            `Warm ${missing.length} missing`
          ) : (
            'Re-check all'
          )}
        </button>
      </div>
      {error && <p className={`${styles.error} ${styles.cardBody}`}>{error}</p>}
      {data && (
        <table className={styles.images}>
          <thead>
            <tr>
              <th>Image</th>
              <th>Status</th>
              <th>Used by</th>
            </tr>
          </thead>
          <tbody>
            {data.images.map((i) => (
              <tr key={i.ref}>
                <td className="mono">{i.ref}</td>
                <td>
                  <span className={styles.present} data-present={i.present}>
                    {i.present ? 'present' : 'missing'}
                  </span>{' '}
                  <span className={styles.meta}>
                    {i.present ? [mb(i.sizeBytes), i.note].filter(Boolean).join(' · ') : i.aliasOf ? `legacy name for ${i.aliasOf}` : ''}
                  </span>
                </td>
                <td className={styles.meta}>{i.lessons.length ? `${i.lessons.length} lesson${i.lessons.length === 1 ? '' : 's'}` : '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {data && (data.warmup.running || data.warmup.error || data.warmup.lines.length > 0) && (
        <div className={styles.cardBody}>
          {data.warmup.error && <p className={styles.error}>{data.warmup.error}</p>}
          {data.warmup.lines.length > 0 && <pre className={styles.pre}>{data.warmup.lines.join('\n')}</pre>}
        </div>
      )}
    </section>
  );
}
