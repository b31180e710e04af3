'use client';

import { useEffect, useState } from 'react';
import { learnerApi, type ClassStatus } from '@/lib/api-client';

export type { ClassStatus };

/**
 * Whether the learner's instructor has paused builds (GET /api/me), re-read every
 * 15 s and when the tab regains focus, so Build is disabled with the reason shown.
 * The server refuses paused builds anyway (423); this only explains it up front.
 */
export function useClassStatus(): ClassStatus {
  const [status, setStatus] = useState<ClassStatus>({ buildsPaused: false });
  useEffect(() => {
    let alive = true;
    const read = () =>
      learnerApi.classStatus().then(
        (body) => alive && setStatus(body),
        () => undefined, // offline: keep the last known state
      );
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
