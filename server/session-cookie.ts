import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { config } from './config';

/**
 * The learner's identity: a random id in a signed, httpOnly cookie. Kept free of
 * `server-only` because proxy.ts (which issues it on first contact) imports it.
 */

export const SESSION_COOKIE = 'layerlab_session';
const ID = /^[a-f0-9]{24}$/;

let secret: Buffer | undefined;

/** LAYERLAB_SECRET, or a random key generated once and kept beside the database. */
function signingKey(): Buffer {
  if (secret) return secret;
  const configured = config().secret;
  if (configured) return (secret = Buffer.from(configured));
  const file = path.join(config().engine.sandboxDir, 'session.key');
  try {
    secret = fs.readFileSync(file);
  } catch {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const fresh = randomBytes(32);
    try {
      fs.writeFileSync(file, fresh, { mode: 0o600, flag: 'wx' });
      secret = fresh;
    } catch {
      secret = fs.readFileSync(file); // another process won the race
    }
  }
  return secret;
}

function sign(id: string) {
  return createHmac('sha256', signingKey()).update(id).digest('base64url');
}

export function newLearnerId() {
  return randomBytes(12).toString('hex');
}

export function encodeSession(id: string) {
  return `${id}.${sign(id)}`;
}

/** The learner id in a cookie value, or undefined when it is missing, malformed or forged. */
export function decodeSession(value: string | undefined): string | undefined {
  if (!value) return undefined;
  const [id, sig] = value.split('.');
  if (!id || !sig || !ID.test(id)) return undefined;
  const want = Buffer.from(sign(id));
  const got = Buffer.from(sig);
  return want.length === got.length && timingSafeEqual(want, got) ? id : undefined;
}

export const SESSION_COOKIE_OPTIONS = {
  httpOnly: true,
  sameSite: 'lax' as const,
  path: '/',
  maxAge: 60 * 60 * 24 * 365,
};
