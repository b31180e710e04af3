import { z } from 'zod';

export const loginSchema = z.object({ password: z.string().min(1, 'enter the password').max(200) }).strict();
export type Login = z.infer<typeof loginSchema>;
