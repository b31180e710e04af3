import { z } from 'zod';
import { lessonSlugSchema } from '@/lib/lesson-slug';
import { classIdSchema, learnerIdSchema } from '@/server/classroom/params';

export const paramsSchema = z.object({ id: classIdSchema, learner: learnerIdSchema });
export const resetSchema = z.object({ lesson: lessonSlugSchema }).strict();
export type Reset = z.infer<typeof resetSchema>;
