import 'server-only';
import { docker } from '../sandbox/docker';

export const PULL_TIMEOUT_MS = 15_000;

/**
 * Tries to pull the official image. Classroom sandboxes usually have no route
 * to a registry, so this gives up fast (timeout) and reports why instead of throwing.
 */
export async function tryPull(ref: string, timeoutMs = PULL_TIMEOUT_MS): Promise<{ ok: true } | { ok: false; reason: string }> {
  const abort = new AbortController();
  const timer = setTimeout(() => abort.abort(), timeoutMs);
  try {
    const d = docker();
    const stream = await d.pull(ref, { abortSignal: abort.signal });
    const out = await new Promise<{ error?: string }[]>((resolve, reject) => {
      abort.signal.addEventListener('abort', () => reject(new Error(`no answer within ${timeoutMs / 1000} s`)));
      d.modem.followProgress(stream, (err: Error | null, res: { error?: string }[]) => (err ? reject(err) : resolve(res)));
    });
    const failed = out.find((o) => o.error);
    return failed ? { ok: false, reason: failed.error! } : { ok: true };
  } catch (err) {
    const reason = abort.signal.aborted ? `no answer within ${timeoutMs / 1000} s` : (err as Error).message;
    return { ok: false, reason: reason.split('\n')[0] };
  } finally {
    clearTimeout(timer);
  }
}
