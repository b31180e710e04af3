'use client';

import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { useSubmit } from '../ui/use-submit';
import { instructorApi } from '@/lib/api-client';
import styles from './instructor.module.css';

export type ClassListItem = { id: string; name: string; code: string; members: number; createdAt: number; buildsPaused: boolean };

export function ClassList({ classes, csrf }: { classes: ClassListItem[]; csrf: string }) {
  const router = useRouter();
  const [name, setName] = useState('');
  const {
    submit: create,
    error,
    busy,
  } = useSubmit(async () => {
    const created = await instructorApi.createClass(csrf, name);
    router.push(`/instructor/classes/${created.id}`);
  });

  return (
    <section className={styles.card} aria-labelledby="classes-heading">
      <div className={styles.cardHeader}>
        <h2 id="classes-heading">Classes</h2>
        <form className={styles.createForm} onSubmit={create}>
          <label className="sr-only" htmlFor="class-name">
            New class name
          </label>
          <input
            id="class-name"
            className="input input-sm"
            placeholder="e.g. Docker 101 — Tuesday"
            value={name}
            maxLength={80}
            onChange={(e) => setName(e.target.value)}
          />
          <button className="btn btn-sm btn-primary" type="submit" disabled={busy || !name.trim()}>
            Create class
          </button>
        </form>
      </div>
      {error && <p className={`${styles.error} ${styles.cardBody}`}>{error}</p>}
      {classes.length === 0 ? (
        <p className={styles.empty}>No classes yet. Create one to get a join code for your learners.</p>
      ) : (
        <ul className={`${styles.classList} ${styles.cardBody}`}>
          {classes.map((c) => (
            <li key={c.id}>
              <Link href={`/instructor/classes/${c.id}`} className={`${styles.card} ${styles.classItem}`}>
                <span className={styles.className}>{c.name}</span>
                {c.buildsPaused && <span className={styles.state}>builds paused</span>}
                <span className={styles.meta}>
                  {c.members} learner{c.members === 1 ? '' : 's'}
                </span>
                <span className={styles.code}>{c.code}</span>
              </Link>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
