import { z } from 'zod';
import { lessonSlugSchema } from '@/lib/lesson-slug';

export const checkParamsSchema = z.object({ slug: lessonSlugSchema });

export const checkBodySchema = z
  .object({
    buildId: z.string().regex(/^b_[A-Za-z0-9_-]{6,64}$/, 'must be the id of one of your builds'),
  })
  .strict();

export type CheckBody = z.infer<typeof checkBodySchema>;
