'use client';

import { useEffect, useState } from 'react';
import { classStatusSchema, type ClassStatus } from '@/lib/api-client/schemas';
import { learnerApi } from '@/lib/api-client';

export type { ClassStatus };

/**
 * The learner's class status, pushed live by the server (GET /api/me/events):
 * whether the instructor paused builds (and why) and which lessons are open.
 * One EventSource per page, shared by every component that listens (the
 * toolbar's Build button, the page's live lesson list), closed with the last.
 */
type Listener = (status: ClassStatus) => void;
const listeners = new Set<Listener>();
let source: EventSource | undefined;
let current: ClassStatus | undefined;

function subscribe(listener: Listener): () => void {
  listeners.add(listener);
  if (current) listener(current);
  if (!source) {
    source = new EventSource(learnerApi.classEventsUrl);
    source.addEventListener('status', (message) => {
      let json: unknown;
      try {
        json = JSON.parse((message as MessageEvent<string>).data);
      } catch {
        return;
      }
      const parsed = classStatusSchema.safeParse(json);
      if (!parsed.success) return;
      current = parsed.data;
      for (const l of listeners) l(parsed.data);
    });
    // EventSource reconnects by itself (the server says how soon); offline keeps the last known state.
  }
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0) {
      source?.close();
      source = undefined;
      current = undefined;
    }
  };
}

/** The live status, or undefined until the server's first answer. */
export function useLiveClassStatus(): ClassStatus | undefined {
  const [status, setStatus] = useState<ClassStatus>();
  useEffect(() => subscribe(setStatus), []);
  return status;
}

/**
 * Whether builds are paused, for the Build button: disabled with the reason
 * shown, enabled again the moment the instructor unpauses. The server refuses
 * paused builds anyway (423); this only explains it up front.
 */
export function useClassStatus(): ClassStatus {
  return useLiveClassStatus() ?? { buildsPaused: false };
}
