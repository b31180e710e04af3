'use client';

import { useSyncExternalStore } from 'react';

const noSubscribe = () => () => {};

/** ⌘ on Apple keyboards, Ctrl elsewhere; false on the server so the first render matches. */
export function useIsMac(): boolean {
  return useSyncExternalStore(
    noSubscribe,
    () => /Mac|iPhone|iPad/.test(navigator.platform),
    () => false,
  );
}
