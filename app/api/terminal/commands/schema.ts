import { z } from 'zod';
import { buildContextSchema } from '@/lib/build-context';
import { lessonSlugSchema } from '@/lib/lesson-slug';

export const terminalCommandSchema = z
  .object({
    /** One line typed at the `docker` prompt; parsed by lib/docker-cli on the server, never run by a shell. */
    line: z
      .string()
      .min(1)
      .max(8192)
      .refine((s) => !s.includes('\0') && !/[\r\n]/.test(s), 'must be one line without NUL'),
    /** The editor's files: the build context of `docker build`. */
    files: buildContextSchema.optional(),
    lesson: lessonSlugSchema.optional(),
    /** The terminal's size, for `docker run -it`. */
    cols: z.number().int().min(10).max(500).optional(),
    rows: z.number().int().min(2).max(300).optional(),
  })
  .strict();
