import 'server-only';
import { db } from './database';

/** Instructor sessions that are live: a cookie whose nonce is not here is refused, however well signed. */

export function insertInstructorSession(nonce: string, expiresAt: number, now = Date.now()) {
  db().prepare('DELETE FROM instructor_sessions WHERE expires_at <= ?').run(now);
  db().prepare('INSERT INTO instructor_sessions (nonce, expires_at, created_at) VALUES (?, ?, ?)').run(nonce, expiresAt, now);
}

export function instructorSessionLive(nonce: string, now = Date.now()): boolean {
  return !!db().prepare('SELECT 1 FROM instructor_sessions WHERE nonce = ? AND expires_at > ?').get(nonce, now);
}

export function deleteInstructorSession(nonce: string) {
  db().prepare('DELETE FROM instructor_sessions WHERE nonce = ?').run(nonce);
}
