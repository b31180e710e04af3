import { z } from 'zod';

export const createClassSchema = z.object({ name: z.string().trim().min(1, 'give the class a name').max(80) }).strict();
export type CreateClass = z.infer<typeof createClassSchema>;
