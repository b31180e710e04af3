/**
 * Build events → the text of `docker build --progress=plain`, shared by the browser's
 * console and the server (instructor views, tests), so both read the same:
 *
 *   #5 [build 2/4] RUN pip install -r requirements.txt
 *   #5 0.412 Collecting flask
 *   #5 DONE 3.1s
 *
 *   #6 [build 3/4] COPY . .
 *   #6 CACHED
 *
 * Stages that run in parallel interleave; whenever the output switches to another
 * vertex, that vertex's `#N name` header is printed again, as the CLI does.
 * Pure and incremental: feed events one at a time with the state it returns.
 */
import type { JobEvent } from './events';

export type ProgressLineRole = 'header' | 'output' | 'status' | 'cached' | 'done' | 'error' | 'warning' | 'note';
/** One printed line; `vertex` is the `#N` it belongs to (for jumping to a step in the log). */
export type ProgressLine = { role: ProgressLineRole; text: string; vertex?: number; stream?: 'stdout' | 'stderr' | 'system' };
export type ProgressState = { current?: number; names: Record<number, string> };

export const initialProgress = (): ProgressState => ({ current: undefined, names: {} });

/** `DONE 0.4s`: seconds with one decimal, like the CLI. */
export const seconds = (ms: number) => `${(ms / 1000).toFixed(1)}s`;

export function progressLines(state: ProgressState, event: JobEvent): { state: ProgressState; lines: ProgressLine[] } {
  const lines: ProgressLine[] = [];
  let { current, names } = state;
  const header = (n: number) => {
    if (current === n) return;
    // A blank line between blocks, as the CLI prints.
    if (current !== undefined) lines.push({ role: 'note', text: '' });
    lines.push({ role: 'header', vertex: n, text: `#${n} ${names[n] ?? ''}`.trimEnd() });
    current = n;
  };
  switch (event.type) {
    case 'vertex': {
      if (names[event.n] !== event.name) names = { ...names, [event.n]: event.name };
      header(event.n);
      if (event.state === 'cached') lines.push({ role: 'cached', vertex: event.n, text: `#${event.n} CACHED` });
      else if (event.state === 'done')
        lines.push({ role: 'done', vertex: event.n, text: `#${event.n} DONE ${seconds(event.durationMs ?? 0)}` });
      else if (event.state === 'error') {
        const first = (event.error ?? 'failed').split('\n')[0];
        lines.push({ role: 'error', vertex: event.n, text: `#${event.n} ERROR: ${first}` });
      }
      break;
    }
    case 'log': {
      if (event.vertex === undefined) {
        for (const text of splitLines(event.text)) lines.push({ role: 'note', text, stream: event.stream ?? 'system' });
        break;
      }
      header(event.vertex);
      const at = event.at !== undefined ? `${event.at.toFixed(3)} ` : '';
      const role = event.at !== undefined ? 'output' : 'status';
      for (const text of splitLines(event.text))
        lines.push({ role, vertex: event.vertex, text: `#${event.vertex} ${at}${text}`, stream: event.stream });
      break;
    }
    case 'warning': {
      const where = event.line ? ` (line ${event.line})` : '';
      lines.push({ role: 'warning', vertex: event.vertex, text: `WARN: ${event.message}${where}` });
      break;
    }
    default:
      break;
  }
  return { state: { current, names }, lines };
}

/** The whole plain-progress text of a list of events (server side and tests). */
export function renderPlainProgress(events: Iterable<JobEvent>): string {
  let state = initialProgress();
  let out = '';
  for (const event of events) {
    const r = progressLines(state, event);
    state = r.state;
    for (const line of r.lines) out += line.text + '\n';
  }
  return out;
}

const ANSI_ONLY = /^(?:\x1b\[[0-9;]*m)+$/;

function splitLines(text: string): string[] {
  const lines = text.replace(/\r\n/g, '\n').split('\n');
  if (lines.at(-1) === '') lines.pop();
  // A colour reset after the last newline (`hi\n\x1b[0m`, as RUN steps' stderr comes) ends the line before it,
  // rather than printing a prefix with nothing after it.
  if (lines.length > 1 && ANSI_ONLY.test(lines.at(-1)!)) lines[lines.length - 2] += lines.pop();
  return lines;
}
