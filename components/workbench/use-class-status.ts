'use client';

import { useEffect, useState } from 'react';

export type ClassStatus = { buildsPaused: boolean; reason?: string };

/**
 * Whether the learner's instructor has paused builds (GET /api/me), re-read every
 * 15 s and when the tab regains focus, so Build is disabled with the reason shown.
 * The server refuses paused builds anyway (423); this only explains it up front.
 */
export function useClassStatus(): ClassStatus {
  const [status, setStatus] = useState<ClassStatus>({ buildsPaused: false });
  useEffect(() => {
    let alive = true;
    const read = async () => {
      try {
        const res = await fetch('/api/me', { cache: 'no-store' });
        if (!res.ok) return;
        const body = (await res.json()) as ClassStatus;
        if (alive) setStatus({ buildsPaused: !!body.buildsPaused, reason: body.reason });
      } catch {
        // offline: keep the last known state
      }
    };
    void read();
    const timer = setInterval(read, 15_000);
    window.addEventListener('focus', read);
    return () => {
      alive = false;
      clearInterval(timer);
      window.removeEventListener('focus', read);
    };
  }, []);
  return status;
}
