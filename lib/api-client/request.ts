/**
 * The single fetch of the browser: JSON in, zod-parsed JSON out, every failure
 * an ApiError. Endpoint modules beside this file name the routes.
 */
import { z } from 'zod';
import { ApiError, BAD_RESPONSE_MESSAGE, networkError } from './api-error';

export type RequestOptions<T> = {
  body?: unknown;
  /** Parses the answer; `z.void()`-like schemas accept an empty 204. */
  schema: z.ZodType<T>;
  /** The instructor's CSRF token, sent on every change. */
  csrf?: string;
  /** Lets the request outlive the page (autosave on `pagehide`). */
  keepalive?: boolean;
  signal?: AbortSignal;
};

const errorBodySchema = z.object({
  error: z.string().optional(),
  message: z.string().optional(),
  issues: z.array(z.object({ path: z.string().optional(), line: z.number().optional(), message: z.string() })).optional(),
});

export async function request<T>(method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', url: string, opts: RequestOptions<T>): Promise<T> {
  let res: Response;
  try {
    res = await fetch(url, {
      method,
      headers: {
        ...(opts.body !== undefined && { 'content-type': 'application/json' }),
        ...(opts.csrf && method !== 'GET' && { 'x-layerlab-csrf': opts.csrf }),
      },
      body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
      cache: 'no-store',
      keepalive: opts.keepalive,
      signal: opts.signal,
    });
  } catch (err) {
    if (opts.signal?.aborted) throw err;
    throw networkError();
  }
  const json: unknown = res.status === 204 ? undefined : await res.json().catch(() => undefined);
  if (!res.ok) {
    const e = errorBodySchema.safeParse(json);
    const body = e.success ? e.data : {};
    throw new ApiError(res.status, body.error ?? 'internal', body.message ?? `The server answered ${res.status}.`, body.issues);
  }
  const parsed = opts.schema.safeParse(json);
  if (!parsed.success) throw new ApiError(res.status, 'bad_response', BAD_RESPONSE_MESSAGE);
  return parsed.data;
}

/** For callers that show the error rather than throw it. */
export type Result<T> = { ok: true; data: T } | { ok: false; error: ApiError };

export async function settle<T>(promise: Promise<T>): Promise<Result<T>> {
  try {
    return { ok: true, data: await promise };
  } catch (err) {
    if (err instanceof ApiError) return { ok: false, error: err };
    throw err;
  }
}
