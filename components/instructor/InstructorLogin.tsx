'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { instructorApi } from '@/lib/api-client';
import { useSubmit } from '../ui/use-submit';
import styles from './instructor.module.css';

export function InstructorLogin() {
  const router = useRouter();
  const [password, setPassword] = useState('');
  const { submit, error, busy } = useSubmit(async () => {
    await instructorApi.login(password);
    router.replace('/instructor');
    router.refresh();
  });

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
      <p className={styles.hint}>The password is LAYERLAB_INSTRUCTOR_PASSWORD, or the one the server printed when it first started.</p>
    </form>
  );
}
