'use client';

import { useEffect, useState } from 'react';
import { formatBytes, formatDuration } from '@/components/workbench/format';
import { isActive } from '@/components/workbench/job-view';
import { useWorkbenchActions, useWorkbenchFiles, useWorkbenchJobs } from '@/components/workbench/workbench-context';
import { baseImageOf, layerRows, timeline, type TimelineBar } from './layers';
import { learnerApi, settle, type ImageLayers, type Layer } from '@/lib/api-client';
import styles from './LayersPanel.module.css';

/** A build's layers never change: keep them while the page lives, so reopening the tab is instant. */
const known = new Map<string, ImageLayers>();

type Fetched = { id: string } & ({ phase: 'loading' } | { phase: 'shown'; data: ImageLayers } | { phase: 'error'; message: string });

/**
 * The console's "Layers" tab: what each Dockerfile step added to the image
 * (size, cache hit, time) with the base image folded into one row, and the
 * build as a timeline. Loaded only when the tab is opened.
 */
export default function LayersPanel() {
  const wb = { ...useWorkbenchActions(), ...useWorkbenchJobs(), tag: useWorkbenchFiles().tag };
  const build = wb.buildJob;
  const succeededId = build?.done?.state === 'succeeded' ? build.id : undefined;
  const [fetched, setFetched] = useState<Fetched | undefined>(() => {
    const data = succeededId ? known.get(succeededId) : undefined;
    return data && succeededId ? { id: succeededId, phase: 'shown', data } : undefined;
  });

  useEffect(() => {
    if (!succeededId) return;
    const data = known.get(succeededId);
    if (data) {
      setFetched({ id: succeededId, phase: 'shown', data });
      return;
    }
    let live = true;
    setFetched({ id: succeededId, phase: 'loading' });
    void settle(learnerApi.buildLayers(succeededId)).then((result) => {
      if (result.ok) known.set(succeededId, result.data);
      if (live)
        setFetched(
          result.ok
            ? { id: succeededId, phase: 'shown', data: result.data }
            : { id: succeededId, phase: 'error', message: result.error.message },
        );
    });
    return () => {
      live = false;
    };
  }, [succeededId]);

  if (!build) {
    return (
      <div className={styles.empty}>
        <p>
          Build your image to see its <strong>layers</strong>: what each instruction added, how big it is, and which steps came from the
          cache.
        </p>
      </div>
    );
  }

  const { bars, totalMs } = timeline(build.steps);
  const current = fetched && fetched.id === succeededId ? fetched : undefined;

  return (
    <div className={styles.panel} data-testid="layers-panel">
      {succeededId ? (
        current?.phase === 'shown' ? (
          <LayerTable data={current.data} baseImage={baseImageOf(build.steps)} tag={build.done?.tag ?? wb.tag} onLine={wb.revealLine} />
        ) : current?.phase === 'error' ? (
          <p className="inline-error" role="alert">
            {current.message}
          </p>
        ) : (
          <p className={styles.note}>Reading the image’s layers…</p>
        )
      ) : (
        <p className={styles.note}>
          {isActive(build)
            ? 'Building… the layers appear here once the build has succeeded.'
            : 'The last build did not succeed, so there is no image to inspect. Its timeline is below.'}
        </p>
      )}
      {bars.length > 0 && <Timeline bars={bars} totalMs={totalMs} onLine={wb.revealLine} />}
    </div>
  );
}

function LayerTable({ data, baseImage, tag, onLine }: { data: ImageLayers; baseImage?: string; tag: string; onLine(line: number): void }) {
  const rows = layerRows(data.layers, data.totalBytes, baseImage);
  const largest = Math.max(1, ...rows.own.map((l) => l.sizeBytes));
  const ownBytes = rows.own.reduce((sum, l) => sum + l.sizeBytes, 0);
  return (
    <section className={styles.section} aria-labelledby="layers-title">
      <header className={styles.summary}>
        <h3 id="layers-title" className={styles.heading}>
          Layers of <code>{tag}</code>
        </h3>
        <span className={styles.total} data-testid="layers-total">
          {formatBytes(data.totalBytes)} in total · your steps added {formatBytes(ownBytes)}
        </span>
      </header>
      <ol className={styles.layers} aria-label="Image layers, oldest first">
        {rows.base && (
          <li className={styles.baseRow}>
            <details>
              <summary className={styles.row} data-testid="layer-base">
                <span className={styles.lineCell}>
                  <span className={styles.chevron} aria-hidden="true">
                    ▸
                  </span>
                </span>
                <span className={styles.what}>
                  <strong>{rows.base.image ?? 'Base image'}</strong> base · {rows.base.count} {rows.base.count === 1 ? 'layer' : 'layers'}
                </span>
                <SizeCell bytes={rows.base.sizeBytes} share={1} base />
                <span className={styles.badgeCell} />
                <span className={styles.time} />
              </summary>
              <ul className={styles.baseLayers}>
                {rows.base.layers.map((l, i) => (
                  <li key={i}>
                    <code title={l.createdBy}>{l.createdBy || l.comment || '(no command recorded)'}</code>
                    <span>{formatBytes(l.sizeBytes)}</span>
                  </li>
                ))}
              </ul>
            </details>
          </li>
        )}
        {rows.own.map((l, i) => (
          <OwnLayer key={i} layer={l} share={l.sizeBytes / largest} onLine={onLine} />
        ))}
      </ol>
    </section>
  );
}

function OwnLayer({ layer, share, onLine }: { layer: Layer; share: number; onLine(line: number): void }) {
  const line = layer.step?.line;
  const text = layer.step?.instruction ?? layer.createdBy;
  return (
    <li className={styles.row} data-testid="layer" data-size={layer.sizeBytes} data-empty={layer.sizeBytes === 0 || undefined}>
      <span className={styles.lineCell}>
        {line ? (
          <button type="button" className={styles.lineButton} onClick={() => onLine(line)} title={`Show line ${line} in the Dockerfile`}>
            L{line}
          </button>
        ) : layer.step?.index !== undefined ? (
          <span className={styles.stepNo}>#{layer.step.index}</span>
        ) : null}
      </span>
      <code className={styles.what} title={layer.createdBy}>
        {text}
      </code>
      <SizeCell bytes={layer.sizeBytes} share={share} />
      <span className={styles.badgeCell}>{layer.cached && <span className={styles.cached}>cached</span>}</span>
      <span className={styles.time}>{layer.durationMs !== undefined ? formatDuration(layer.durationMs) : ''}</span>
    </li>
  );
}

function SizeCell({ bytes, share, base }: { bytes: number; share: number; base?: boolean }) {
  return (
    <span className={styles.size}>
      <span className={styles.sizeTrack} aria-hidden="true">
        <span className={styles.sizeBar} data-base={base || undefined} style={{ width: `${Math.max(bytes > 0 ? 3 : 0, share * 100)}%` }} />
      </span>
      <span className={styles.sizeText} data-testid="layer-size">
        {bytes === 0 ? '0 B' : formatBytes(bytes)}
      </span>
    </span>
  );
}

function Timeline({ bars, totalMs, onLine }: { bars: TimelineBar[]; totalMs: number; onLine(line: number): void }) {
  const cachedCount = bars.filter((b) => b.cached).length;
  return (
    <section className={styles.section} aria-labelledby="timeline-title">
      <header className={styles.summary}>
        <h3 id="timeline-title" className={styles.heading}>
          Build timeline
        </h3>
        <span className={styles.total}>
          {formatDuration(totalMs)} · {cachedCount} of {bars.length} steps from the cache
        </span>
      </header>
      <ol className={styles.timeline} data-testid="timeline">
        {bars.map((b) => (
          <li key={b.index} className={styles.tlRow} data-cached={b.cached || undefined} data-failed={b.failed || undefined}>
            <button
              type="button"
              className={styles.tlButton}
              onClick={() => b.line && onLine(b.line)}
              disabled={!b.line}
              title={`${b.instruction} — ${formatDuration(b.durationMs)}${b.cached ? ' (cached)' : ''}`}
            >
              <span className={styles.tlLabel}>
                <span className={styles.stepNo}>{b.index}</span>
                <code>{b.instruction}</code>
              </span>
              <span className={styles.tlTrack} aria-hidden="true">
                <span className={styles.tlBar} style={{ left: `${b.offset * 100}%`, width: `${b.share * 100}%` }} />
              </span>
              <span className={styles.time}>{b.cached ? <span className={styles.cached}>cached</span> : formatDuration(b.durationMs)}</span>
            </button>
          </li>
        ))}
      </ol>
    </section>
  );
}
