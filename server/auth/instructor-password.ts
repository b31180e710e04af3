import 'server-only';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { config } from '../config';
import { getSetting, setSetting } from '../db/settings';
import { log } from '../log';
import { hashPassword, verifyPassword } from './password-hash';

/**
 * The instructor password. LAYERLAB_INSTRUCTOR_PASSWORD wins; otherwise one is
 * generated on first start, printed once, and only its scrypt hash is stored
 * (in the settings table). For an operator who missed the log line, and for the
 * e2e tests, the generated password is also written once to
 * <sandbox>/instructor-password (mode 0600, beside session.key); delete it
 * once noted — the server never reads it.
 */

const KEY = 'instructor_password_hash';
const ENV_KEY = 'instructor_password_env_hash';

let pending: Promise<string> | undefined;

/** The hash to check logins against, creating (and announcing) a password when there is none. */
export function instructorPasswordHash(): Promise<string> {
  pending ??= resolveHash().catch((err) => {
    pending = undefined;
    throw err;
  });
  return pending;
}

async function resolveHash(): Promise<string> {
  const fromEnv = config().instructor.password;
  if (fromEnv) {
    // Hash the configured password once per value, so a restart with the same env is cheap
    // and a changed env invalidates the old hash (and with it every instructor session).
    const stored = getSetting(ENV_KEY);
    if (stored && (await verifyPassword(fromEnv, stored))) return stored;
    const hash = await hashPassword(fromEnv);
    setSetting(ENV_KEY, hash);
    return hash;
  }
  const stored = getSetting(KEY);
  if (stored) return stored;
  const password = generatePassword();
  const hash = await hashPassword(password);
  setSetting(KEY, hash);
  announce(password);
  return hash;
}

/** Four groups of five from an alphabet without look-alikes: ~100 bits, easy to type from a projector. */
export function generatePassword(): string {
  const alphabet = 'abcdefghjkmnpqrstuvwxyz23456789';
  const bytes = randomBytes(20);
  const chars = [...bytes].map((b) => alphabet[b % alphabet.length]);
  return [0, 5, 10, 15].map((i) => chars.slice(i, i + 5).join('')).join('-');
}

function announce(password: string) {
  const file = config().instructor.passwordFile;
  try {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, password + '\n', { mode: 0o600 });
  } catch (err) {
    log.warn('could not write the instructor password file', { file, error: String(err) });
  }
  // Printed once, on stderr, outside the JSON log stream so it stands out.
  process.stderr.write(
    `\n  Layerlab instructor password (shown once): ${password}\n` +
      `  Also saved to ${file} (mode 0600); delete that file once noted.\n` +
      `  Set LAYERLAB_INSTRUCTOR_PASSWORD to choose your own.\n\n`,
  );
  log.info('instructor password generated', { file });
}

export async function checkInstructorPassword(password: string): Promise<boolean> {
  return verifyPassword(password, await instructorPasswordHash());
}
