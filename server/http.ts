import 'server-only';
import type { z } from 'zod';
import { AppError, fromZod, toResponse } from './errors';

/** Wraps a route handler so every thrown error becomes one typed JSON response. */
export function route<A extends unknown[]>(handler: (...args: A) => Promise<Response>) {
  return async (...args: A): Promise<Response> => {
    try {
      return await handler(...args);
    } catch (err) {
      return toResponse(err);
    }
  };
}

/** Reads a JSON body and parses it with `schema`; a 400 names the offending field. */
export async function parseBody<S extends z.ZodType>(request: Request, schema: S, maxBytes = 4 * 1024 * 1024): Promise<z.infer<S>> {
  const length = Number(request.headers.get('content-length') ?? 0);
  if (length > maxBytes) throw new AppError('invalid_request', `The request body is larger than ${maxBytes / 1024 / 1024} MiB.`);
  let text: string;
  try {
    text = await request.text();
  } catch {
    // The client went away mid-body (e.g. a reload during a save): nothing to answer, nothing to log.
    throw new AppError('invalid_request', 'The request body could not be read.');
  }
  if (Buffer.byteLength(text) > maxBytes)
    throw new AppError('invalid_request', `The request body is larger than ${maxBytes / 1024 / 1024} MiB.`);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new AppError('invalid_request', 'The request body is not valid JSON.');
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) throw fromZod(parsed.error);
  return parsed.data;
}
