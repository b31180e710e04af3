'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';
import styles from './join.module.css';

/** For learners who were told the code rather than given the link. */
export function CodeForm({ error }: { error?: string }) {
  const router = useRouter();
  const [code, setCode] = useState('');
  return (
    <form
      className={styles.card}
      onSubmit={(e) => {
        e.preventDefault();
        router.push(`/join/${encodeURIComponent(code.trim().toUpperCase().replace(/[\s-]/g, ''))}`);
      }}
    >
      <div>
        <p className={styles.eyebrow}>Join class</p>
        <h1>Enter your class code</h1>
      </div>
      <label className={styles.field}>
        Code
        <input className={`input ${styles.code}`} autoFocus maxLength={9} value={code} onChange={(e) => setCode(e.target.value)} required />
      </label>
      {error && (
        <p className={styles.error} role="alert">
          {error}
        </p>
      )}
      <button className="btn btn-primary" type="submit" disabled={!code.trim()}>
        Continue
      </button>
    </form>
  );
}
