import 'server-only';
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { config } from '../config';
import { deleteInstructorSession, insertInstructorSession, instructorSessionLive } from '../db/instructor-sessions';
import { setSettingOnce } from '../db/settings';
import { instructorPasswordHash } from './instructor-password';

/**
 * The instructor's session: `<expires>.<nonce>.<signature>` in its own httpOnly
 * cookie, separate from the learner's. The signing key mixes in the password
 * hash, so changing the password signs every instructor out. The CSRF token is
 * derived from the session's nonce. The nonce is also stored server-side
 * (instructor_sessions): signing out deletes it, so a copied cookie dies too.
 */

export const INSTRUCTOR_COOKIE = 'layerlab_instructor';
export const CSRF_HEADER = 'x-layerlab-csrf';

export type InstructorSession = { nonce: string; expiresAt: number; csrfToken: string };

async function key(): Promise<Buffer> {
  const base = config().secret ?? setSettingOnce('instructor_session_key', randomBytes(32).toString('base64url'));
  return createHmac('sha256', base)
    .update(`instructor-session\0${await instructorPasswordHash()}`)
    .digest();
}

const mac = (k: Buffer, text: string) => createHmac('sha256', k).update(text).digest('base64url');

function equal(a: string, b: string) {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export async function issueSession(now = Date.now()): Promise<{ value: string; session: InstructorSession }> {
  const k = await key();
  const expiresAt = now + config().instructor.sessionMs;
  const nonce = randomBytes(16).toString('base64url');
  const body = `${expiresAt}.${nonce}`;
  insertInstructorSession(nonce, expiresAt, now);
  return { value: `${body}.${mac(k, body)}`, session: { nonce, expiresAt, csrfToken: mac(k, `csrf.${nonce}`) } };
}

export async function verifySession(value: string | undefined, now = Date.now()): Promise<InstructorSession | undefined> {
  if (!value) return undefined;
  const parts = value.split('.');
  if (parts.length !== 3) return undefined;
  const [expires, nonce, sig] = parts;
  const expiresAt = Number(expires);
  if (!Number.isSafeInteger(expiresAt) || expiresAt <= now || !/^[\w-]{16,64}$/.test(nonce)) return undefined;
  const k = await key();
  if (!equal(sig, mac(k, `${expires}.${nonce}`))) return undefined;
  if (!instructorSessionLive(nonce, now)) return undefined;
  return { nonce, expiresAt, csrfToken: mac(k, `csrf.${nonce}`) };
}

export function sessionCookieOptions(secure: boolean, maxAgeS = Math.floor(config().instructor.sessionMs / 1000)) {
  // Strict: the dashboard is never reached through a cross-site link that needs the session.
  return { httpOnly: true, sameSite: 'strict' as const, path: '/', secure, maxAge: maxAgeS };
}

export function csrfMatches(session: InstructorSession, token: string | null): boolean {
  return !!token && equal(token, session.csrfToken);
}

/** Signing out: the session ends server-side, wherever its cookie is. */
export function revokeSession(session: InstructorSession) {
  deleteInstructorSession(session.nonce);
}
