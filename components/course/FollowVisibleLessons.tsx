'use client';

import { useRouter } from 'next/navigation';
import { useEffect } from 'react';
import { useLiveClassStatus } from '@/components/workbench/use-class-status';

/**
 * Keeps a server-rendered page (the course list, a lesson) in step with the
 * lessons the instructor has opened: when the live class status names other
 * lessons than the page was rendered with, the page renders again in place
 * (router.refresh keeps the workbench's client state).
 */
export function FollowVisibleLessons({ rendered }: { rendered: string[] | undefined }) {
  const router = useRouter();
  const live = useLiveClassStatus();
  const liveKey = live && JSON.stringify(live.class?.visibleLessons ?? null);
  const renderedKey = JSON.stringify(rendered ?? null);
  useEffect(() => {
    if (liveKey !== undefined && liveKey !== renderedKey) router.refresh();
  }, [liveKey, renderedKey, router]);
  return null;
}
