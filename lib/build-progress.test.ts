import { describe, expect, it } from 'vitest';
import { initialProgress, progressLines, renderPlainProgress } from './build-progress';
import type { JobEvent } from './events';

const v = (n: number, name: string, state: 'started' | 'cached' | 'done' | 'error', extra = {}): JobEvent => ({
  type: 'vertex',
  n,
  name,
  state,
  ...extra,
});

describe('renderPlainProgress', () => {
  it('renders vertices, timed output, CACHED and DONE with a blank line between blocks', () => {
    expect(
      renderPlainProgress([
        v(1, '[1/3] FROM docker.io/library/python:3.13-slim', 'cached'),
        v(2, '[2/3] RUN pip install flask', 'started'),
        { type: 'log', vertex: 2, at: 0.412, text: 'Collecting flask\nDone\n' },
        v(2, '[2/3] RUN pip install flask', 'done', { durationMs: 3_140 }),
      ]),
    ).toBe(
      '#1 [1/3] FROM docker.io/library/python:3.13-slim\n#1 CACHED\n\n#2 [2/3] RUN pip install flask\n#2 0.412 Collecting flask\n#2 0.412 Done\n#2 DONE 3.1s\n',
    );
  });

  it('reprints a header when another vertex interleaves, and prints errors, warnings and notes', () => {
    const text = renderPlainProgress([
      v(1, '[a 2/2] RUN x', 'started'),
      v(2, '[b 2/2] RUN y', 'started'),
      { type: 'log', vertex: 1, at: 1, text: 'from a' },
      v(2, '[b 2/2] RUN y', 'error', { error: 'The command `y` failed with exit code 1.' }),
      { type: 'warning', message: 'JSONArgsRecommended: JSON arguments recommended for CMD', line: 4 },
      { type: 'log', text: '[layerlab] note\n', stream: 'system' },
    ]);
    expect(text).toBe(
      '#1 [a 2/2] RUN x\n\n#2 [b 2/2] RUN y\n\n#1 [a 2/2] RUN x\n#1 1.000 from a\n\n#2 [b 2/2] RUN y\n#2 ERROR: The command `y` failed with exit code 1.\nWARN: JSONArgsRecommended: JSON arguments recommended for CMD (line 4)\n[layerlab] note\n',
    );
  });

  it('keeps a colour reset after the last newline on the line it ends', () => {
    expect(
      renderPlainProgress([v(1, 'x', 'started'), { type: 'log', vertex: 1, at: 0, text: '\x1b[91mred\n\x1b[0m', stream: 'stderr' }]),
    ).toBe('#1 x\n#1 0.000 \x1b[91mred\x1b[0m\n');
  });

  it('is incremental: feeding events one by one gives the same lines as rendering them all', () => {
    const events: JobEvent[] = [
      v(1, 'x', 'started'),
      { type: 'log', vertex: 1, text: 'note done\n' },
      v(1, 'x', 'done', { durationMs: 40 }),
    ];
    let state = initialProgress();
    const lines: string[] = [];
    for (const e of events) {
      const r = progressLines(state, e);
      state = r.state;
      lines.push(...r.lines.map((l) => l.text));
    }
    expect(lines.join('\n') + '\n').toBe(renderPlainProgress(events));
    expect(lines).toEqual(['#1 x', '#1 note done', '#1 DONE 0.0s']);
  });
});
