import { z } from 'zod';
import { classCodeSchema } from '@/server/classroom/class-code';

export const joinSchema = z
  .object({
    code: classCodeSchema,
    displayName: z
      .string()
      .trim()
      .min(1, 'enter the name your instructor will see')
      .max(40, 'keep it under 40 characters')
      // No control or invisible formatting characters (zero-width, bidi overrides): the
      // instructor must be able to read and tell apart every name on the roster.
      .regex(/^[^\p{Cc}\p{Cf}\p{Co}\p{Cn}\p{Zl}\p{Zp}<>]+$/u, 'letters, digits, spaces and punctuation only')
      .regex(/[\p{L}\p{N}]/u, 'must contain at least one letter or digit'),
  })
  .strict();
export type Join = z.infer<typeof joinSchema>;
