import { z } from 'zod';
import { jobIdSchema } from '@/server/jobs/job-routes';

export const layersParamsSchema = z.object({ id: jobIdSchema });
