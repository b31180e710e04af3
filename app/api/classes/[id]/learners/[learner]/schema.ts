import { z } from 'zod';
import { lessonSlugSchema } from '@/lib/lesson-slug';
import { classIdSchema, learnerIdSchema } from '@/server/classroom/params';

export const paramsSchema = z.object({ id: classIdSchema, learner: learnerIdSchema });
export const querySchema = z.object({ lesson: lessonSlugSchema });
