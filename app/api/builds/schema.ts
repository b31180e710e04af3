import { z } from 'zod';
import { buildContextSchema } from '@/lib/build-context';
import { learnerTagSchema } from '@/lib/image-ref';
import { lessonSlugSchema } from '@/lib/lesson-slug';

export const createBuildSchema = z
  .object({
    files: buildContextSchema,
    tag: learnerTagSchema.default('my-image'),
    lesson: lessonSlugSchema.optional(),
    noCache: z.boolean().optional(),
    buildArgs: z
      .record(z.string().regex(/^[A-Za-z_][A-Za-z0-9_]{0,127}$/, 'build argument names are letters, digits and _'), z.string().max(4096))
      .refine((a) => Object.keys(a).length <= 64, 'at most 64 build arguments')
      .optional(),
    target: z.string().regex(/^[A-Za-z][A-Za-z0-9_.-]{0,127}$/, 'must be the name of a stage (AS name)').optional(),
  })
  .strict();

export type CreateBuild = z.infer<typeof createBuildSchema>;
