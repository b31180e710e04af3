import { z } from 'zod';
import { lessonSlugSchema } from '@/lib/lesson-slug';

const envName = z.string().regex(/^[A-Za-z_][A-Za-z0-9_]{0,127}$/, 'must be a valid environment variable name');

export const createRunSchema = z
  .object({
    image: z
      .string()
      .min(1)
      .max(256)
      .regex(/^[A-Za-z0-9][A-Za-z0-9._\/:-]*$/, 'must be an image name such as my-python-app or my-python-app:latest'),
    command: z
      .array(
        z
          .string()
          .max(4096)
          .refine((s) => !s.includes('\0'), 'must not contain NUL'),
      )
      .max(64)
      .optional(),
    env: z
      .record(
        envName,
        z
          .string()
          .max(4096)
          .refine((s) => !s.includes('\0'), 'must not contain NUL'),
        {
          error: (issue) =>
            issue.code === 'invalid_key' ? 'variable names are letters, digits and _, not starting with a digit' : undefined,
        },
      )
      .refine((e) => Object.keys(e).length <= 64, 'at most 64 variables')
      .optional(),
    entrypoint: z
      .string()
      .max(4096)
      .refine((s) => !s.includes('\0'), 'must not contain NUL')
      .optional(),
    user: z
      .string()
      .regex(/^[A-Za-z0-9_][A-Za-z0-9_.-]{0,63}(:[A-Za-z0-9_][A-Za-z0-9_.-]{0,63})?$/, 'must be a user name or UID, optionally :group')
      .optional(),
    workdir: z.string().max(1024).regex(/^\//, 'must be an absolute path').optional(),
    lesson: lessonSlugSchema.optional(),
  })
  .strict();

export type CreateRun = z.infer<typeof createRunSchema>;
