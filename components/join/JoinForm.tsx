'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { learnerApi } from '@/lib/api-client';
import { useSubmit } from '../ui/use-submit';
import styles from './join.module.css';

/** Joins the class with this code under a display name; the learner keeps their session and progress. */
export function JoinForm({ code, className, currentName }: { code: string; className: string; currentName?: string }) {
  const router = useRouter();
  const [name, setName] = useState(currentName ?? '');
  const { submit, error, busy } = useSubmit(async () => {
    await learnerApi.joinClass({ code, displayName: name });
    router.push('/');
    router.refresh();
  });

  return (
    <form className={styles.card} onSubmit={submit} aria-label="Join class">
      <div>
        <p className={styles.eyebrow}>Join class</p>
        <h1>{className}</h1>
      </div>
      <label className={styles.field}>
        Your name, as your instructor will see it
        <input
          className="input"
          name="displayName"
          autoComplete="nickname"
          autoFocus
          maxLength={40}
          value={name}
          onChange={(e) => setName(e.target.value)}
          aria-invalid={!!error}
          required
        />
      </label>
      {error && (
        <p className={styles.error} role="alert">
          {error}
        </p>
      )}
      <button className="btn btn-primary" type="submit" disabled={busy || !name.trim()}>
        {currentName ? 'Update name' : 'Join'}
      </button>
      <p className={styles.hint}>No account needed. Your work so far stays yours, in this browser.</p>
    </form>
  );
}
