import 'server-only';
import type { ZodError } from 'zod';
import { log } from './log';

/**
 * Errors are values with codes. `toResponse()` is the one place that turns any
 * thrown thing into JSON `{error, message, issues?}`: our own codes pass through,
 * anything else is logged and shown as a safe sentence.
 */

const STATUS = {
  invalid_request: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  builds_paused: 423,
  dockerfile_refused: 422,
  quota_exceeded: 413,
  too_many_jobs: 429,
  rate_limited: 429,
  engine_unavailable: 503,
  server_busy: 503,
  internal: 500,
} as const;

/** A refusal for load (429/503) without a better estimate tells the client to come back in this many seconds. */
const DEFAULT_RETRY_S = 30;

export type ErrorCode = keyof typeof STATUS;
export type Issue = { path?: string; line?: number; message: string };

// Next.js may load this module once per bundle (route, instrumentation), so an
// AppError thrown by a process-wide singleton can come from another copy of the
// class: recognise it by a brand, not by `instanceof` alone.
const BRAND = Symbol.for('layerlab.AppError');

export class AppError extends Error {
  readonly [BRAND] = true;

  constructor(
    public readonly code: ErrorCode,
    message: string,
    public readonly issues?: Issue[],
    /** Seconds after which trying again makes sense; sent as Retry-After (429, 503). */
    public readonly retryAfterS?: number,
  ) {
    super(message);
    this.name = 'AppError';
  }

  get status() {
    return STATUS[this.code];
  }
}

export function isAppError(err: unknown): err is AppError {
  return err instanceof AppError || (typeof err === 'object' && err !== null && BRAND in err);
}

export function fromZod(error: ZodError, what = 'request'): AppError {
  const issues = error.issues.map((i) => ({
    path: i.path.length ? formatPath(i.path) : undefined,
    message: i.message,
  }));
  const first = issues[0];
  const summary = first ? `${first.path ? `${first.path}: ` : ''}${first.message}` : 'invalid';
  return new AppError('invalid_request', `Invalid ${what}: ${summary}`, issues);
}

function formatPath(path: PropertyKey[]) {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : `${i ? '.' : ''}${String(p)}`)).join('');
}

export function toResponse(err: unknown): Response {
  if (isAppError(err)) {
    if (err.code === 'internal') log.error('internal error', { message: err.message });
    const retryAfterS = err.retryAfterS ?? (err.status === 429 || err.status === 503 ? DEFAULT_RETRY_S : undefined);
    return Response.json(
      { error: err.code, message: err.message, ...(err.issues && { issues: err.issues }), ...(retryAfterS && { retryAfterS }) },
      { status: err.status, headers: retryAfterS ? { 'retry-after': String(retryAfterS) } : undefined },
    );
  }
  log.error('unhandled error', { error: err instanceof Error ? (err.stack ?? err.message) : String(err) });
  return Response.json(
    { error: 'internal', message: 'Something went wrong on our side. It has been logged; please try again.' },
    { status: 500 },
  );
}
