'use client';

import { useEffect, useRef } from 'react';
import { learnerApi, settle } from '@/lib/api-client';
import { sameFiles, type WorkspaceFile } from './workspace';

const SAVE_DELAY_MS = 800;

type Snapshot = { files: WorkspaceFile[]; tag: string };

/**
 * Saves the learner's files and tag on the server, debounced while they type,
 * and flushed when the page is hidden so a quick reload loses nothing.
 * `initial` is what the server already has.
 */
export function useWorkspaceAutosave(lesson: string, files: WorkspaceFile[], tag: string, initial: Snapshot) {
  const savedSnapshot = useRef(initial);
  const latest = useRef({ files, tag });
  latest.current = { files, tag };
  const dirty = unsaved({ files, tag }, savedSnapshot.current);

  useEffect(() => {
    if (!dirty) return;
    const snapshot = { files, tag };
    const timer = setTimeout(async () => {
      const result = await settle(learnerApi.saveWorkspace(lesson, snapshot));
      if (result.ok) savedSnapshot.current = snapshot;
    }, SAVE_DELAY_MS);
    return () => clearTimeout(timer);
  }, [dirty, files, tag, lesson]);

  useEffect(() => {
    const flush = () => {
      const snapshot = latest.current;
      if (unsaved(snapshot, savedSnapshot.current)) {
        learnerApi.saveWorkspace(lesson, snapshot, true).catch(() => undefined);
        savedSnapshot.current = snapshot;
      }
    };
    window.addEventListener('pagehide', flush);
    return () => window.removeEventListener('pagehide', flush);
  }, [lesson]);
}

function unsaved(current: Snapshot, saved: Snapshot) {
  return !sameFiles(current.files, saved.files) || current.tag !== saved.tag;
}
