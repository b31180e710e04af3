import { z } from 'zod';
import { buildContextSchema } from '@/lib/build-context';
import { buildArgsSchema, buildTargetSchema } from '@/lib/build-options';
import { learnerTagSchema } from '@/lib/image-ref';
import { lessonSlugSchema } from '@/lib/lesson-slug';

export const createBuildSchema = z
  .object({
    files: buildContextSchema,
    tag: learnerTagSchema.default('my-image'),
    lesson: lessonSlugSchema.optional(),
    noCache: z.boolean().optional(),
    buildArgs: buildArgsSchema.optional(),
    target: buildTargetSchema.optional(),
  })
  .strict();

export type CreateBuild = z.infer<typeof createBuildSchema>;
