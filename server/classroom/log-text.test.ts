import { describe, expect, it } from 'vitest';
import type { JobEvent, StoredEvent } from '@/lib/events';
import { logText } from './learner-lesson';

const stamp = (events: JobEvent[]) => events.map((e, i) => ({ ...e, id: i + 1, time: i }) as StoredEvent);

describe('the instructor’s "Last build" log', () => {
  it('shows each step once, however often the build announced it', () => {
    const text = logText(
      stamp([
        { type: 'step', index: 1, total: 2, instruction: 'FROM busybox:latest' },
        { type: 'log', text: 'Step 1/2 : FROM busybox:latest\n' },
        { type: 'step', index: 1, total: 2, instruction: 'FROM busybox:latest', cached: true },
        { type: 'step', index: 2, total: 2, instruction: 'RUN echo hi' },
        { type: 'log', text: 'Step 2/2 : RUN echo hi\n' },
        { type: 'log', text: '\x1b[91mhi\n\x1b[0m' },
        { type: 'done', state: 'succeeded', durationMs: 5 },
      ]),
    );
    expect(text).toBe('Step 1/2 : FROM busybox:latest\nStep 2/2 : RUN echo hi\nhi\n\n[succeeded]\n');
    expect(text.match(/Step 2\/2/g)).toHaveLength(1);
  });
});
