import 'server-only';
import type Database from 'better-sqlite3';

/** Ordered schema migrations; `user_version` records how many have run. */
const MIGRATIONS = [
  `CREATE TABLE jobs (
     id TEXT PRIMARY KEY,
     learner TEXT NOT NULL,
     kind TEXT NOT NULL CHECK (kind IN ('build','run')),
     state TEXT NOT NULL,
     tag TEXT,
     ref TEXT,
     lesson TEXT,
     spec TEXT NOT NULL,
     created_at INTEGER NOT NULL,
     started_at INTEGER,
     finished_at INTEGER,
     done TEXT
   );
   CREATE INDEX jobs_learner ON jobs(learner, created_at);
   CREATE INDEX jobs_state ON jobs(state);
   CREATE TABLE job_events (
     job_id TEXT NOT NULL REFERENCES jobs(id) ON DELETE CASCADE,
     seq INTEGER NOT NULL,
     data TEXT NOT NULL,
     PRIMARY KEY (job_id, seq)
   ) WITHOUT ROWID;
   CREATE TABLE workspaces (
     learner TEXT NOT NULL,
     lesson TEXT NOT NULL,
     files TEXT NOT NULL,
     tag TEXT NOT NULL,
     last_build_id TEXT,
     last_run_id TEXT,
     updated_at INTEGER NOT NULL,
     PRIMARY KEY (learner, lesson)
   );
   CREATE TABLE progress (
     learner TEXT NOT NULL,
     lesson TEXT NOT NULL,
     done_at INTEGER NOT NULL,
     PRIMARY KEY (learner, lesson)
   );`,
];

export function migrate(d: Database.Database) {
  const current = d.pragma('user_version', { simple: true }) as number;
  for (let i = current; i < MIGRATIONS.length; i++) {
    d.transaction(() => {
      d.exec(MIGRATIONS[i]);
      d.pragma(`user_version = ${i + 1}`);
    })();
  }
}
