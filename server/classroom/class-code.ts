import 'server-only';
import { randomBytes } from 'node:crypto';
import { z } from 'zod';

/**
 * Join codes: six characters from an alphabet without look-alikes (no 0/O,
 * 1/I/L), read aloud or off a projector. ~31^6 ≈ 887 million codes.
 */
const ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
export const CODE_LENGTH = 6;

export const classCodeSchema = z
  .string()
  .trim()
  .transform((s) => s.toUpperCase().replace(/[\s-]/g, ''))
  .pipe(z.string().regex(new RegExp(`^[${ALPHABET}]{${CODE_LENGTH}}$`), 'must be the 6-character code your instructor gave you'));

export function newClassCode(): string {
  return [...randomBytes(CODE_LENGTH)].map((b) => ALPHABET[b % ALPHABET.length]).join('');
}
