import { z } from 'zod';
import { lessonSlugSchema } from '@/lib/lesson-slug';

export const solutionParamsSchema = z.object({ slug: lessonSlugSchema });
