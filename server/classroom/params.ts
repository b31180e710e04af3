import 'server-only';
import { z } from 'zod';
import { fromZod } from '../errors';

/** Path parameters of the class routes, parsed like any other input. */

export const classIdSchema = z.string().regex(/^c_[a-f0-9]{12}$/, 'must be a class id');
export const learnerIdSchema = z.string().regex(/^[a-f0-9]{24}$/, 'must be a learner id');

export async function parseParams<S extends z.ZodType>(params: Promise<unknown>, schema: S): Promise<z.infer<S>> {
  const parsed = schema.safeParse(await params);
  if (!parsed.success) throw fromZod(parsed.error, 'address');
  return parsed.data;
}
