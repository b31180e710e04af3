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
      .regex(/^[^\p{Cc}<>]+$/u, 'letters, digits, spaces and punctuation only'),
  })
  .strict();
export type Join = z.infer<typeof joinSchema>;
