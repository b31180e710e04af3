import { z } from 'zod';

export const warmSchema = z
  .object({ refs: z.array(z.string().min(1).max(200)).max(20).default([]).describe('Catalog images to warm; empty = all') })
  .strict();
export type Warm = z.infer<typeof warmSchema>;
