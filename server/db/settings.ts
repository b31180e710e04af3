import 'server-only';
import { db } from './database';

/** A small key/value store for server state that must survive restarts (e.g. the instructor password hash). */

export function getSetting(key: string): string | undefined {
  const row = db().prepare('SELECT value FROM settings WHERE key = ?').get(key) as { value: string } | undefined;
  return row?.value;
}

export function setSetting(key: string, value: string) {
  db().prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(key, value);
}

/** Sets the value only if the key is unset; returns the value that is now stored. */
export function setSettingOnce(key: string, value: string): string {
  db().prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO NOTHING').run(key, value);
  return getSetting(key)!;
}
