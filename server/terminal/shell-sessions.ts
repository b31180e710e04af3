import 'server-only';
import { randomBytes } from 'node:crypto';
import { StringDecoder } from 'node:string_decoder';
import { config } from '../config';
import { AppError } from '../errors';
import { log } from '../log';
import { startShellContainer, type ShellContainer } from '../sandbox/docker-shell';
import { jobLabels, LABEL } from '../sandbox/labels';
import { countRefusal } from '../net/refusals';
import { singleton } from '../singleton';
import { shellRefusal, type ShellCaps, type ShellOwner } from './shell-capacity';

/**
 * The terminal's interactive shells: at most one per learner, each a
 * container (server/sandbox/docker-shell). Output is kept in a short replay
 * buffer, so a reconnect (a network blip, a reload) re-attaches to the same
 * shell and redraws what was on screen. A shell ends when its process exits,
 * after LAYERLAB_SHELL_IDLE_MIN without a keystroke, after LAYERLAB_SHELL_MAX_MIN,
 * or on `docker stop`; its container is then removed and the terminal is told
 * that writes went to the container, not the image.
 *
 * Shells are not jobs: a job holds a queue slot until it ends, and a shell that
 * waits for keystrokes would hold one for minutes. They have their own limit
 * (one per learner) and the same container limits as a run.
 */

type ShellPayload = { type: 'output'; data: string } | { type: 'end'; message: string; exitCode?: number };
export type ShellEvent = ShellPayload & { seq: number };
export type ShellOpen = {
  image: string;
  ref: string;
  command: string[];
  env: Record<string, string>;
  entrypoint?: string;
  user?: string;
  workdir?: string;
  cols: number;
  rows: number;
};
export type ShellInfo = { id: string; image: string; name: string; startedAt: number };

const REPLAY_BYTES = 64 * 1024;
/** Output faster than this is slowed down (the shell's writes block), as a flood is in a run. */
const OUTPUT_BYTES_PER_SECOND = 512 * 1024;

const duration = (ms: number) => (ms >= 60_000 ? `${Math.round(ms / 60_000)} minutes` : `${Math.round(ms / 1000)} seconds`);

class ShellSession {
  readonly startedAt = Date.now();
  private seq = 0;
  private replay: ShellEvent[] = [];
  private replayBytes = 0;
  private listeners = new Set<(e: ShellEvent) => void>();
  private idleTimer?: NodeJS.Timeout;
  private lifeTimer?: NodeJS.Timeout;
  private windowStart = Date.now();
  private windowBytes = 0;
  ended?: ShellEvent & { type: 'end' };
  private stopping?: string;

  constructor(
    readonly id: string,
    readonly learner: string,
    readonly image: string,
    readonly container: ShellContainer,
    private readonly limits: { idleMs: number; maxMs: number },
    private readonly onEnd: () => void,
  ) {
    const decoder = new StringDecoder('utf8');
    const stream = container.output;
    stream.on('data', (chunk: Buffer) => {
      const text = decoder.write(chunk);
      if (text) this.emit({ type: 'output', data: text });
      this.throttle(chunk.length, stream);
    });
    // The goodbye is sent once the container is gone, so "removed" is true when the learner reads it.
    void container.exited.then(async (code) => {
      await container.remove();
      this.finish(`exited with code ${code ?? '?'}`, code);
    });
    this.touch();
    this.lifeTimer = setTimeout(() => void this.close(`it reached the limit of ${duration(limits.maxMs)}`), limits.maxMs);
    this.lifeTimer.unref?.();
  }

  info(): ShellInfo {
    return { id: this.id, image: this.image, name: this.container.name, startedAt: this.startedAt };
  }

  private throttle(bytes: number, stream: NodeJS.ReadableStream) {
    const now = Date.now();
    if (now - this.windowStart >= 1000) {
      this.windowStart = now;
      this.windowBytes = 0;
    }
    this.windowBytes += bytes;
    if (this.windowBytes > OUTPUT_BYTES_PER_SECOND && !stream.isPaused()) {
      stream.pause();
      setTimeout(() => stream.resume(), 1000 - (now - this.windowStart)).unref?.();
    }
  }

  private emit(e: ShellPayload) {
    const event = { ...e, seq: ++this.seq } as ShellEvent;
    this.replay.push(event);
    this.replayBytes += e.type === 'output' ? e.data.length : 0;
    while (this.replayBytes > REPLAY_BYTES && this.replay.length > 1) {
      const dropped = this.replay.shift()!;
      this.replayBytes -= dropped.type === 'output' ? dropped.data.length : 0;
    }
    for (const l of this.listeners) l(event);
  }

  /** Events after `after` still in the replay buffer, then live ones; returns an unsubscribe function. */
  subscribe(after: number, listener: (e: ShellEvent) => void): () => void {
    for (const e of this.replay) if (e.seq > after) listener(e);
    if (this.ended) return () => undefined;
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** A keystroke (or a paste): resets the idle timer. */
  input(data: string) {
    if (this.ended) return;
    this.touch();
    this.container.write(data);
  }

  resize(cols: number, rows: number) {
    if (!this.ended) void this.container.resize(cols, rows);
  }

  private touch() {
    clearTimeout(this.idleTimer);
    this.idleTimer = setTimeout(() => void this.close(`no key was pressed for ${duration(this.limits.idleMs)}`), this.limits.idleMs);
    this.idleTimer.unref?.();
  }

  /** Stops the shell (idle, lifetime, `docker stop`); the exit then finishes it. */
  async close(reason: string) {
    if (this.ended || this.stopping) return;
    this.stopping = reason;
    await this.container.remove();
    this.finish('stopped');
  }

  private finish(how: string, exitCode?: number) {
    if (this.ended) return;
    // A shell we stopped ends by being killed: report why it was stopped, not the kill's exit code.
    if (this.stopping) {
      how = `was stopped: ${this.stopping}`;
      exitCode = undefined;
    }
    clearTimeout(this.idleTimer);
    clearTimeout(this.lifeTimer);
    const message =
      `The shell in ${this.image} ${how}. Its container has been removed: ` +
      `anything you changed inside went to the container, not to the image ${this.image}, which is unchanged. ` +
      'To keep a change, write it in the Dockerfile and build again.';
    this.emit({ type: 'end', message, ...(exitCode !== undefined && { exitCode }) });
    this.ended = this.replay.at(-1) as ShellEvent & { type: 'end' };
    this.listeners.clear();
    this.onEnd();
    log.info('shell ended', { learner: this.learner, shell: this.id, how });
  }
}

export function createShellSessions(
  limits: { idleMs: number; maxMs: number; caps?: ShellCaps } = config().shell,
  runLimits = () => config().limits.run,
) {
  const live = new Map<string, ShellSession>();
  /** Who holds each live shell, for the capacity caps (shell-capacity.ts). */
  const owners = new Map<string, ShellOwner>();
  /** The last ended session per learner, so a reconnect after the end still reads the goodbye. */
  const ended = new Map<string, ShellSession>();

  return {
    async open(learner: string, o: ShellOpen, who: { address?: string; member?: boolean } = {}): Promise<ShellInfo> {
      if (live.has(learner)) {
        const current = live.get(learner);
        throw new AppError(
          'conflict',
          current
            ? `You already have a shell open in ${current.image} (container ${current.container.name}). Type exit in it, or run: docker stop ${current.container.name}`
            : 'Your shell is still starting.',
        );
      }
      const owner = { address: who.address ?? 'unknown', member: !!who.member };
      const refused = limits.caps && shellRefusal([...owners.values()], owner, limits.caps);
      if (refused) {
        countRefusal('shells');
        throw refused;
      }
      const id = `s_${randomBytes(9).toString('base64url')}`;
      // Reserve the slot before the (slow) container start, so two requests cannot both open one.
      live.set(learner, undefined as unknown as ShellSession);
      owners.set(learner, owner);
      try {
        const container = await startShellContainer({
          ref: o.ref,
          command: o.command,
          env: o.env,
          entrypoint: o.entrypoint,
          user: o.user,
          workdir: o.workdir,
          labels: { ...jobLabels(learner, id, 'run'), [LABEL.kind]: 'shell' },
          limits: runLimits(),
          cols: o.cols,
          rows: o.rows,
        });
        const session = new ShellSession(id, learner, o.image, container, limits, () => {
          if (live.get(learner) === session) {
            live.delete(learner);
            owners.delete(learner);
          }
          ended.set(learner, session);
        });
        if (!session.ended) live.set(learner, session);
        else {
          live.delete(learner);
          owners.delete(learner);
        }
        log.info('shell started', { learner, shell: id, image: o.image });
        return session.info();
      } catch (err) {
        live.delete(learner);
        owners.delete(learner);
        throw err;
      }
    },

    /** The learner's live shell, or (if it ended) the last one, for its goodbye. */
    get(learner: string): ShellSession | undefined {
      return live.get(learner) ?? ended.get(learner);
    },

    live(learner: string): ShellInfo | undefined {
      return live.get(learner)?.info();
    },

    async close(learner: string, reason: string) {
      await live.get(learner)?.close(reason);
    },

    async closeAll() {
      await Promise.all([...live.values()].filter(Boolean).map((s) => s.close('the server is stopping')));
    },
  };
}

export type ShellSessions = ReturnType<typeof createShellSessions>;

export function shells(): ShellSessions {
  return singleton('shell-sessions', () => createShellSessions());
}
