import { z } from 'zod';
import { buildIdSchema } from '@/lib/job-id';
import { lessonSlugSchema } from '@/lib/lesson-slug';

export const checkParamsSchema = z.object({ slug: lessonSlugSchema });

export const checkBodySchema = z
  .object({
    buildId: buildIdSchema,
  })
  .strict();

export type CheckBody = z.infer<typeof checkBodySchema>;
