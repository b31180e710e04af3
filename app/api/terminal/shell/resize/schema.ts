import { z } from 'zod';

export const shellResizeSchema = z.object({ cols: z.number().int().min(10).max(500), rows: z.number().int().min(2).max(300) }).strict();
