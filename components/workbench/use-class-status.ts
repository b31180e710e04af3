'use client';

import { useEffect, useState } from 'react';
import { classStatusSchema, type ClassStatus } from '@/lib/api-client/schemas';
import { learnerApi } from '@/lib/api-client';

export type { ClassStatus };

/**
 * Whether the learner's instructor has paused builds, pushed live by the server
 * (GET /api/me/events), so Build is disabled with the reason shown — and enabled
 * again the moment the instructor unpauses. The server refuses paused builds
 * anyway (423); this only explains it up front.
 */
export function useClassStatus(): ClassStatus {
  const [status, setStatus] = useState<ClassStatus>({ buildsPaused: false });
  useEffect(() => {
    const source = new EventSource(learnerApi.classEventsUrl);
    source.addEventListener('status', (message) => {
      let json: unknown;
      try {
        json = JSON.parse((message as MessageEvent<string>).data);
      } catch {
        return;
      }
      const parsed = classStatusSchema.safeParse(json);
      if (parsed.success) setStatus(parsed.data);
    });
    // EventSource reconnects by itself (the server says how soon); offline keeps the last known state.
    return () => source.close();
  }, []);
  return status;
}
