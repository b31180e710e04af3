'use client';

import { useState, type FormEvent } from 'react';

/**
 * A form's submit handler with its busy flag and error message: `action` runs
 * once per submit, and whatever it throws (an ApiError's sentence) is shown.
 */
export function useSubmit(action: () => Promise<void>) {
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      await action();
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  }

  return { submit, error, busy };
}
