'use client';

import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import styles from './instructor.module.css';

export function InstructorLogin() {
  const router = useRouter();
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      const res = await fetch('/api/instructor/login', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ password }),
      });
      if (!res.ok) {
        setError((await res.json().catch(() => ({}))).message ?? 'Sign-in failed.');
        return;
      }
      router.replace('/instructor');
      router.refresh();
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className={`${styles.card} ${styles.login}`} onSubmit={submit} aria-label="Instructor sign-in">
      <div>
        <p className={styles.eyebrow}>Instructor</p>
        <h1>Sign in</h1>
      </div>
      <label className={styles.field}>
        Password
        <input
          className="input"
          type="password"
          name="password"
          autoComplete="current-password"
          autoFocus
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          aria-invalid={!!error}
          required
        />
      </label>
      {error && (
        <p className={styles.error} role="alert">
          {error}
        </p>
      )}
      <button className="btn btn-primary" type="submit" disabled={busy || !password}>
        {busy ? <span className="spinner" aria-hidden /> : null} Sign in
      </button>
      <p className={styles.hint}>
        The password is LAYERLAB_INSTRUCTOR_PASSWORD, or the one the server printed when it first started.
      </p>
    </form>
  );
}
