'use client';

import { useState, type FormEvent } from 'react';

/**
 * A form's submit handler with its busy flag and error message: `action` runs
 * once per submit, and whatever it throws is shown as the error.
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

/** POSTs JSON; a failed response throws its `message` (or `fallback`). */
export async function postJson(path: string, body: unknown, fallback: string): Promise<void> {
  const res = await fetch(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  if (!res.ok) throw new Error((await res.json().catch(() => ({}))).message ?? fallback);
}
