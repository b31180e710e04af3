import { z } from 'zod';
import { lessonSlugSchema } from '@/lib/lesson-slug';
import { classIdSchema } from '@/server/classroom/params';

export const paramsSchema = z.object({ id: classIdSchema });

/** Settings an instructor may change; `null` clears a limit or shows every lesson again. */
export const updateClassSchema = z
  .object({
    name: z.string().trim().min(1).max(80).optional(),
    visibleLessons: z.array(lessonSlugSchema).max(200).nullable().optional(),
    maxConcurrentBuilds: z.number().int().min(1).max(1000).nullable().optional(),
    buildsPaused: z.boolean().optional(),
    pauseReason: z.string().trim().max(200).nullable().optional(),
  })
  .strict();
export type UpdateClass = z.infer<typeof updateClassSchema>;
