import 'server-only';
import type { LogEvent, StepEvent } from '@/lib/events';

/**
 * Decodes the legacy builder's `/build` response (JSON lines) into typed events.
 * A failed build still arrives inside an HTTP 200 stream, as `{error, errorDetail}`.
 */

/** The learner's view of a step: its Dockerfile line and the instruction as they wrote it. */
export type StepLine = { index: number; line: number; instruction?: string };

export type DecodedBuildEvent =
  | StepEvent
  | LogEvent
  | { type: 'image'; id: string }
  | { type: 'error'; message: string; line?: number };

// Not anchored: a parser warning may be glued in front of the first step line.
const STEP = /Step (\d+)\/(\d+) : (.*)$/;
const PARSE_ERROR_LINE = /(?:parse error|error parsing)[^\n]*?line (\d+)/i;

export class BuildStreamDecoder {
  private partial = '';
  private current?: StepEvent;

  /** `steps` maps the builder's step numbers to the learner's Dockerfile lines. */
  constructor(private readonly steps: StepLine[] = []) {}

  /** The step being executed, for attributing an error to a Dockerfile line. */
  get currentStep() {
    return this.current;
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
    let msg: { stream?: string; error?: string; errorDetail?: { message?: string }; aux?: { ID?: string }; status?: string };
    try {
      msg = JSON.parse(raw);
    } catch {
      return [{ type: 'log', text: raw + '\n', stream: 'system' }];
    }
    if (msg.error || msg.errorDetail) {
      const message = (msg.errorDetail?.message ?? msg.error ?? 'build failed').trim();
      return [{ type: 'error', message, line: this.lineOf(message) }];
    }
    if (msg.aux?.ID) return [{ type: 'image', id: msg.aux.ID }];
    const text = msg.stream ?? (msg.status ? msg.status + '\n' : '');
    if (!text) return [];
    const out: DecodedBuildEvent[] = [];
    const step = STEP.exec(text.trimEnd());
    if (step) {
      const index = Number(step[1]);
      const known = this.steps.find((s) => s.index === index);
      // The daemon prints the rewritten instruction (internal image names); show the learner's own.
      this.current = {
        type: 'step',
        index,
        total: Number(step[2]),
        instruction: known?.instruction ?? step[3],
        line: known?.line,
      };
      out.push(this.current);
    } else if (this.current && text.trim() === '---> Using cache' && !this.current.cached) {
      this.current = { ...this.current, cached: true };
      out.push(this.current);
    }
    out.push({ type: 'log', text });
    return out;
  }

  private lineOf(message: string): number | undefined {
    const parse = PARSE_ERROR_LINE.exec(message);
    if (parse) return Number(parse[1]);
    return this.current?.line;
  }
}
