import { z } from 'zod';

/** Keystrokes or a paste for the learner's shell. */
export const shellInputSchema = z
  .object({
    data: z
      .string()
      .min(1)
      .max(64 * 1024),
  })
  .strict();
