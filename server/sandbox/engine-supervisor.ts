import 'server-only';
import { EventEmitter } from 'node:events';
import { config } from '../config';
import { log } from '../log';
import { singleton } from '../singleton';
import { engineAlive, startDaemon, stoppedOnPurpose, type EngineConfig } from './daemon';
import { createDockerClient } from './docker';
import { reapOrphanShims } from './orphan-shims';
import { pingSocket } from './ping';

/**
 * Keeps the local sandbox engine running without an operator: when dockerd dies
 * (a crash, the OOM killer, `kill -9`), it is started again, with backoff while
 * starting fails, logged and counted (`layerlab_engine_restarts_total`). Its pid
 * namespace guarantees that nothing of the dead engine (containerd, shims, runsc)
 * is left; while it runs, shims whose container is gone are ended every minute. Jobs that were running end with a clear message (supervised-engine.ts);
 * jobs that start while it restarts wait for it. An engine stopped on purpose
 * (`npm run sandbox -- stop`) stays stopped.
 *
 * Events: `down` (generation), `up` (generation, restart seconds), `failed` (error, next delay).
 */

export type SupervisorState = 'up' | 'restarting' | 'stopped';

const BACKOFF_MS = [0, 1000, 2000, 5000, 10_000, 30_000];
/** How often shims whose container is gone are looked for. */
const SWEEP_MS = 60_000;

export class EngineSupervisor extends EventEmitter {
  state: SupervisorState = 'up';
  /** Increases each time the engine is found dead: a job that saw it change was interrupted. */
  generation = 0;
  restarts = 0;
  private timer?: NodeJS.Timeout;
  private sweeper?: NodeJS.Timeout;
  private restarting?: Promise<void>;
  private closed = false;

  constructor(
    private readonly engine: EngineConfig,
    private readonly opts: { intervalMs?: number; sweepMs?: number; backoffMs?: number[]; start?: typeof startDaemon } = {},
  ) {
    super();
  }

  /** Starts watching (a check every `intervalMs`; `check()` may also be called any time). */
  watch(): this {
    this.state = engineAlive(this.engine) ? 'up' : stoppedOnPurpose(this.engine) ? 'stopped' : 'up';
    this.timer = setInterval(() => void this.check(), this.opts.intervalMs ?? 1000);
    this.timer.unref();
    this.sweeper = setInterval(() => void this.sweep(), this.opts.sweepMs ?? SWEEP_MS);
    this.sweeper.unref();
    void this.check();
    return this;
  }

  close() {
    this.closed = true;
    clearInterval(this.timer);
    clearInterval(this.sweeper);
  }

  /** Ends shims that outlived their containers (see orphan-shims.ts). */
  async sweep(): Promise<number[]> {
    if (this.state !== 'up') return [];
    try {
      const ended = await reapOrphanShims(this.engine, createDockerClient({ ...this.engine, externalHost: undefined }));
      if (ended.length) log.warn('ended shims whose containers were gone', { pids: ended });
      return ended;
    } catch (err) {
      log.warn('could not look for orphaned shims', { error: String(err) });
      return [];
    }
  }

  /** Looks at the engine now; restarts it when it died. Resolves once it is up again (or known stopped on purpose). */
  async check(): Promise<void> {
    if (this.restarting) return this.restarting;
    if (engineAlive(this.engine)) {
      this.state = 'up';
      return;
    }
    if (stoppedOnPurpose(this.engine)) {
      this.state = 'stopped';
      return;
    }
    this.generation++;
    this.state = 'restarting';
    log.error('sandbox engine died; restarting it', { generation: this.generation });
    this.emit('down', this.generation);
    this.restarting = this.restart().finally(() => (this.restarting = undefined));
    return this.restarting;
  }

  /**
   * After a job failed to reach the engine: is it gone? A connection can break a
   * moment before the dying process is gone from /proc, so this waits (up to
   * `withinMs`) until the engine either answers or is gone, then checks
   * (a restart it begins goes on without being waited for).
   */
  async confirm(withinMs = 5000): Promise<void> {
    const deadline = Date.now() + withinMs;
    while (Date.now() < deadline && engineAlive(this.engine)) {
      if (await pingSocket(this.engine.socket, 500)) return;
      await new Promise((r) => setTimeout(r, 50));
    }
    void this.check().catch(() => undefined);
  }

  /** Resolves when the engine is up (at once when it is); rejects when `signal` aborts first. */
  ready(signal?: AbortSignal): Promise<void> {
    if (this.state !== 'restarting') return Promise.resolve();
    return new Promise((resolve, reject) => {
      const done = () => {
        signal?.removeEventListener('abort', aborted);
        resolve();
      };
      const aborted = () => {
        this.off('up', done);
        reject(signal!.reason);
      };
      this.once('up', done);
      signal?.addEventListener('abort', aborted, { once: true });
    });
  }

  private async restart() {
    const backoff = this.opts.backoffMs ?? BACKOFF_MS;
    const start = this.opts.start ?? startDaemon;
    for (let attempt = 0; !this.closed; attempt++) {
      const delay = backoff[Math.min(attempt, backoff.length - 1)];
      if (delay) await new Promise((r) => setTimeout(r, delay));
      if (stoppedOnPurpose(this.engine)) {
        this.state = 'stopped';
        return;
      }
      const began = Date.now();
      try {
        await start(this.engine, (line) => log.info(line));
        this.restarts++;
        this.state = 'up';
        const seconds = (Date.now() - began) / 1000;
        log.info('sandbox engine restarted', { generation: this.generation, seconds, restarts: this.restarts });
        this.emit('up', this.generation, seconds);
        return;
      } catch (err) {
        const next = backoff[Math.min(attempt + 1, backoff.length - 1)];
        log.error('sandbox engine restart failed', { error: (err as Error).message, retryInMs: next });
        this.emit('failed', err, next);
      }
    }
  }
}

/** The app's supervisor, or undefined when there is nothing to supervise (an engine on another host, or not root). */
export function engineSupervisor(): EngineSupervisor | undefined {
  const { engine } = config();
  if (engine.externalHost || process.getuid?.() !== 0) return undefined;
  return singleton('engine-supervisor', () => new EngineSupervisor(engine).watch());
}
