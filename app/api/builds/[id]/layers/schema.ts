import { z } from 'zod';
import { jobIdSchema } from '@/lib/job-id';

export const layersParamsSchema = z.object({ id: jobIdSchema });
