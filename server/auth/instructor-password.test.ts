import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

// A throw-away sandbox dir: the generated password file must not clobber the real one.
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'layerlab-pw-'));
process.env.LAYERLAB_SANDBOX_DIR = dir;
delete process.env.LAYERLAB_INSTRUCTOR_PASSWORD;

const { openDatabase, useDatabase } = await import('../db/database');
const { getSetting } = await import('../db/settings');
const { checkInstructorPassword, generatePassword, instructorPasswordHash } = await import('./instructor-password');
const { hashPassword, verifyPassword } = await import('./password-hash');

describe('password hashes', () => {
  it('verify the right password only, with a fresh salt each time', async () => {
    const a = await hashPassword('s3cret-enough');
    const b = await hashPassword('s3cret-enough');
    expect(a).toMatch(/^scrypt\$32768\$8\$1\$[\w-]+\$[\w-]+$/);
    expect(a).not.toBe(b);
    expect(await verifyPassword('s3cret-enough', a)).toBe(true);
    expect(await verifyPassword('s3cret-enougH', a)).toBe(false);
    expect(await verifyPassword('s3cret-enough', 'md5$abc')).toBe(false);
  });
});

describe('generated instructor password', () => {
  it('is created once when none is configured: only its hash in the database, the password in a 0600 file', async () => {
    useDatabase(openDatabase(':memory:'));
    const writes: string[] = [];
    const original = process.stderr.write.bind(process.stderr);
    process.stderr.write = ((chunk: string) => (writes.push(String(chunk)), true)) as typeof process.stderr.write;
    let hash: string;
    try {
      hash = await instructorPasswordHash();
    } finally {
      process.stderr.write = original;
    }
    const file = path.join(dir, 'instructor-password');
    const password = fs.readFileSync(file, 'utf8').trim();
    expect(password).toMatch(/^([a-z2-9]{5}-){3}[a-z2-9]{5}$/);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(writes.join('')).toContain(password);
    expect(getSetting('instructor_password_hash')).toBe(hash);
    expect(hash).not.toContain(password);
    expect(await checkInstructorPassword(password)).toBe(true);
    expect(await checkInstructorPassword(generatePassword())).toBe(false);
    // Asked again: the same hash, nothing printed.
    expect(await instructorPasswordHash()).toBe(hash);
  });
});
