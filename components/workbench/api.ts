/**
 * The workbench's calls to the Layerlab API. Every failure becomes an ApiError
 * value (the server's `{error, message, issues}`, or a network error), so the
 * UI has one shape to show.
 */
import type { WorkspaceFile } from './workspace';

export type ApiIssue = { path?: string; line?: number; message: string };
export type ApiError = { status: number; error: string; message: string; issues?: ApiIssue[] };
export type Result<T> = { ok: true; data: T } | { ok: false; error: ApiError };

async function call<T>(method: string, url: string, body?: unknown, init?: RequestInit): Promise<Result<T>> {
  let res: Response;
  try {
    res = await fetch(url, {
      method,
      headers: body === undefined ? undefined : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
      ...init,
    });
  } catch {
    return { ok: false, error: { status: 0, error: 'network', message: 'Could not reach the Layerlab server. Check your connection and try again.' } };
  }
  const json = await res.json().catch(() => undefined);
  if (res.ok) return { ok: true, data: json as T };
  const e = (json ?? {}) as Partial<ApiError>;
  return {
    ok: false,
    error: {
      status: res.status,
      error: typeof e.error === 'string' ? e.error : 'internal',
      message: typeof e.message === 'string' ? e.message : `The server answered ${res.status}.`,
      issues: Array.isArray(e.issues) ? e.issues : undefined,
    },
  };
}

export function startBuild(body: { files: WorkspaceFile[]; tag: string; lesson: string; noCache?: boolean; buildArgs?: Record<string, string>; target?: string }) {
  return call<{ id: string; tag: string }>('POST', '/api/builds', body);
}

export function startRun(body: {
  image: string;
  command?: string[];
  env?: Record<string, string>;
  entrypoint?: string;
  user?: string;
  workdir?: string;
  lesson: string;
}) {
  return call<{ id: string }>('POST', '/api/runs', body);
}

export function cancelJob(kind: 'build' | 'run', id: string) {
  return call<{ state: string }>('DELETE', `/api/${kind}s/${encodeURIComponent(id)}`);
}

export function saveWorkspace(lesson: string, body: { files: WorkspaceFile[]; tag: string }, keepalive = false) {
  return call<unknown>('PUT', `/api/workspaces/${encodeURIComponent(lesson)}`, body, { keepalive });
}

export function eventsUrl(kind: 'build' | 'run', id: string) {
  return `/api/${kind}s/${encodeURIComponent(id)}/events`;
}
