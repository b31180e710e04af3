import 'server-only';
import type { LogEvent, VertexEvent, WarningEvent } from '@/lib/events';
import { locateVertex, type StagePlan } from './stage-plan';
import { decodeStatusResponse, timestampMs, type PbVertex } from './status-proto';

/**
 * Decodes Docker's BuildKit `/build` response (`version=2`) into typed events. The
 * body is JSON lines: `{"id":"moby.buildkit.trace","aux":"<base64 StatusResponse>"}`
 * for progress, `{"id":"moby.image.id","aux":{"ID":…}}` at the end, and a failure as
 * `{"errorDetail":{"message":…},"error":…}` inside the HTTP 200 stream.
 *
 * Vertices are numbered (`#N`) in the order they first start, as the CLI's plain
 * output reads; vertices BuildKit only declares (e.g. an unused stage's) never start
 * and are never shown.
 */

export type DecodedBuildEvent =
  VertexEvent | LogEvent | WarningEvent | { type: 'image'; id: string } | { type: 'error'; message: string; line?: number };

type Tracked = {
  n?: number;
  name: string;
  startedAt?: number;
  announced?: 'started' | 'cached';
  completed?: boolean;
  cached?: boolean;
  event?: VertexEvent;
};

// The remote-context copy is BuildKit's plumbing for a context sent as a tar, not a step of the learner's.
const HIDDEN = new Set(['copy /context /']);
const PARSE_ERROR_LINE = /(?:parse error|error parsing)[^\n]*?line (\d+)/i;

export class BuildKitStreamDecoder {
  private partial = '';
  private vertices = new Map<string, Tracked>();
  private next = 1;
  private failedLine?: number;
  private running = new Set<string>();

  constructor(private readonly plan: StagePlan = { stages: [] }) {}

  /** The Dockerfile line of the step that failed, else of the newest step still running (for a timeout). */
  get currentLine(): number | undefined {
    if (this.failedLine !== undefined) return this.failedLine;
    const running = [...this.running].map((d) => this.vertices.get(d)?.event).filter((e) => e?.line !== undefined);
    return running.at(-1)?.line;
  }

  push(chunk: Buffer | string): DecodedBuildEvent[] {
    const text = this.partial + chunk.toString();
    const lines = text.split('\n');
    this.partial = lines.pop() ?? '';
    return lines.flatMap((l) => this.decodeLine(l));
  }

  end(): DecodedBuildEvent[] {
    const rest = this.partial;
    this.partial = '';
    return rest.trim() ? this.decodeLine(rest) : [];
  }

  private decodeLine(raw: string): DecodedBuildEvent[] {
    if (!raw.trim()) return [];
    let msg: { id?: string; aux?: unknown; stream?: string; error?: string; errorDetail?: { message?: string } };
    try {
      msg = JSON.parse(raw);
    } catch {
      return [{ type: 'log', text: raw + '\n', stream: 'system' }];
    }
    if (msg.error || msg.errorDetail) {
      const message = (msg.errorDetail?.message ?? msg.error ?? 'build failed').trim();
      const parse = PARSE_ERROR_LINE.exec(message);
      return [{ type: 'error', message, line: parse ? Number(parse[1]) : this.failedLine }];
    }
    if (msg.id === 'moby.image.id') {
      const id = (msg.aux as { ID?: string } | undefined)?.ID;
      return id ? [{ type: 'image', id }] : [];
    }
    if (msg.id === 'moby.buildkit.trace' && typeof msg.aux === 'string') return this.decodeStatus(Buffer.from(msg.aux, 'base64'));
    // Anything else the daemon says outside BuildKit's trace (rare) is shown as is.
    return msg.stream ? [{ type: 'log', text: msg.stream, stream: 'system' }] : [];
  }

  private decodeStatus(bytes: Uint8Array): DecodedBuildEvent[] {
    let status;
    try {
      status = decodeStatusResponse(bytes);
    } catch {
      return [];
    }
    const out: DecodedBuildEvent[] = [];
    for (const v of status.vertexes) out.push(...this.vertexUpdate(v));
    for (const s of status.statuses) {
      const t = this.vertices.get(s.vertex);
      const label = s.name || s.ID;
      const done = timestampMs(s.completed);
      if (!t?.n || done === undefined || !label) continue;
      // As the CLI: `exporting layers 0.1s done`, the time left out when it rounds to nothing.
      const ms = done - (timestampMs(s.started) ?? done);
      out.push({ type: 'log', vertex: t.n, stream: 'system', text: `${label}${ms >= 50 ? ` ${(ms / 1000).toFixed(1)}s` : ''} done\n` });
    }
    for (const l of status.logs) {
      const t = this.vertices.get(l.vertex);
      if (!t || HIDDEN.has(t.name)) continue;
      const n = this.number(l.vertex, t);
      const when = timestampMs(l.timestamp);
      const at = t.startedAt !== undefined && when !== undefined ? Math.max(0, when - t.startedAt) / 1000 : undefined;
      out.push({
        type: 'log',
        vertex: n,
        stream: l.stream === 2 ? 'stderr' : 'stdout',
        text: Buffer.from(l.msg).toString('utf8'),
        ...(at !== undefined && { at }),
      });
    }
    for (const w of status.warnings) {
      const t = this.vertices.get(w.vertex);
      const line = w.ranges[0]?.start?.line;
      out.push({
        type: 'warning',
        message: Buffer.from(w.short).toString('utf8').trim(),
        ...(line && { line }),
        ...(w.url && { url: w.url }),
        ...(t?.n && { vertex: t.n }),
      });
    }
    return out;
  }

  private number(_digest: string, t: Tracked): number {
    if (t.n === undefined) t.n = this.next++;
    return t.n;
  }

  private vertexUpdate(v: PbVertex): DecodedBuildEvent[] {
    let t = this.vertices.get(v.digest);
    if (!t) {
      t = { name: v.name };
      this.vertices.set(v.digest, t);
    }
    t.name = v.name || t.name;
    if (HIDDEN.has(t.name)) return [];
    const started = timestampMs(v.started);
    const completed = timestampMs(v.completed);
    if (started === undefined && !v.cached) return [];
    if (t.startedAt === undefined && started !== undefined) t.startedAt = started;
    const out: VertexEvent[] = [];
    const base = (): VertexEvent => {
      const where = locateVertex(this.plan, t.name);
      return {
        type: 'vertex',
        n: this.number(v.digest, t),
        name: t.name,
        state: 'started',
        ...(where?.stage && { stage: where.stage }),
        ...(where && { step: where.step, steps: where.steps, final: where.final }),
        ...(where?.instruction && { instruction: where.instruction }),
        ...(where?.line !== undefined && { line: where.line }),
        ...(!where && { internal: true }),
        ...(t.startedAt !== undefined && { startedAt: t.startedAt }),
      };
    };
    if (v.cached) {
      // BuildKit sometimes marks a vertex cached after reporting it done (a FROM, the context): it ran; keep DONE.
      if (!t.cached && !t.completed) {
        t.cached = t.completed = true;
        this.running.delete(v.digest);
        out.push((t.event = { ...base(), state: 'cached' }));
      }
      return out;
    }
    if (!t.announced) {
      t.announced = 'started';
      this.running.add(v.digest);
      out.push((t.event = base()));
    }
    if (completed !== undefined && !t.completed) {
      t.completed = true;
      this.running.delete(v.digest);
      const durationMs = Math.max(0, completed - (t.startedAt ?? completed));
      if (v.error) {
        this.failedLine ??= t.event?.line;
        out.push((t.event = { ...base(), state: 'error', durationMs, error: v.error }));
      } else out.push((t.event = { ...base(), state: 'done', durationMs }));
    }
    return out;
  }
}
