import 'server-only';
import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { config } from '../config';
import { migrate } from './migrations';
import { replaceSingleton, singleton } from '../singleton';

/**
 * The one owner of storage. SQLite (better-sqlite3) is the embedded default; every
 * query lives in a small module of server/db or server/jobs/store.ts that goes
 * through `db()`, so a move to another driver touches only these files.
 */

export function openDatabase(file: string): Database.Database {
  if (file !== ':memory:') fs.mkdirSync(path.dirname(file), { recursive: true });
  const d = new Database(file);
  d.pragma('journal_mode = WAL');
  d.pragma('synchronous = NORMAL');
  d.pragma('foreign_keys = ON');
  d.pragma('busy_timeout = 5000');
  migrate(d);
  return d;
}

export function db(): Database.Database {
  return singleton('db', () => openDatabase(config().dbPath));
}

const statements = new WeakMap<Database.Database, Map<string, Database.Statement>>();

/** A prepared statement of the current database, prepared once (events are written on a hot path). */
export function stmt(sql: string): Database.Statement {
  const d = db();
  let cache = statements.get(d);
  if (!cache) statements.set(d, (cache = new Map()));
  let s = cache.get(sql);
  if (!s) cache.set(sql, (s = d.prepare(sql)));
  return s;
}

/** Tests point the process at a fresh database. */
export function useDatabase(d: Database.Database) {
  replaceSingleton('db', d);
}
