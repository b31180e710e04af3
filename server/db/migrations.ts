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
  // Classroom: classes with their settings, members (a learner is in at most one
  // class), check outcomes for the heatmap, and a key/value store for secrets' hashes.
  `CREATE TABLE classes (
     id TEXT PRIMARY KEY,
     name TEXT NOT NULL,
     code TEXT NOT NULL UNIQUE,
     visible_lessons TEXT,
     max_concurrent_builds INTEGER,
     builds_paused INTEGER NOT NULL DEFAULT 0,
     pause_reason TEXT,
     created_at INTEGER NOT NULL
   );
   CREATE TABLE class_members (
     learner TEXT PRIMARY KEY,
     class_id TEXT NOT NULL REFERENCES classes(id) ON DELETE CASCADE,
     display_name TEXT NOT NULL,
     joined_at INTEGER NOT NULL
   );
   CREATE INDEX class_members_class ON class_members(class_id);
   CREATE TABLE check_results (
     id INTEGER PRIMARY KEY AUTOINCREMENT,
     learner TEXT NOT NULL,
     lesson TEXT NOT NULL,
     build_id TEXT NOT NULL,
     results TEXT NOT NULL,
     all_passed INTEGER NOT NULL,
     created_at INTEGER NOT NULL
   );
   CREATE INDEX check_results_learner ON check_results(learner, lesson, created_at);
   CREATE INDEX jobs_finished ON jobs(finished_at);
   CREATE TABLE settings (
     key TEXT PRIMARY KEY,
     value TEXT NOT NULL
   );`,
  // Instructor sessions live server-side, so signing out (or a password change)
  // ends a session wherever its cookie is; workspaces expire by last use.
  `CREATE TABLE instructor_sessions (
     nonce TEXT PRIMARY KEY,
     expires_at INTEGER NOT NULL,
     created_at INTEGER NOT NULL
   );
   CREATE INDEX workspaces_updated ON workspaces(updated_at);`,
  // Terminal: the docker command lines a learner typed (not shell keystrokes), for the
  // instructor's drawer and the "ran a command" check.
  `CREATE TABLE terminal_commands (
     id INTEGER PRIMARY KEY AUTOINCREMENT,
     learner TEXT NOT NULL,
     lesson TEXT,
     line TEXT NOT NULL,
     command TEXT NOT NULL,
     exit_code INTEGER,
     created_at INTEGER NOT NULL
   );
   CREATE INDEX terminal_commands_learner ON terminal_commands(learner, id);`,
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
