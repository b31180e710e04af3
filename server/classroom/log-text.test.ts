import { describe, expect, it } from 'vitest';
import type { JobEvent, StoredEvent } from '@/lib/events';
import { logText } from './learner-lesson';

const stamp = (events: JobEvent[]) => events.map((e, i) => ({ ...e, id: i + 1, time: i }) as StoredEvent);

describe('the instructor’s "Last build" log', () => {
  it("reads like the learner's console: BuildKit's plain progress, each step's header once per block, no colours", () => {
    const text = logText(
      stamp([
        { type: 'vertex', n: 1, name: '[1/2] FROM docker.io/library/busybox:latest', state: 'cached' },
        { type: 'vertex', n: 2, name: '[2/2] RUN echo hi', state: 'started' },
        { type: 'log', vertex: 2, at: 0.25, text: '\x1b[91mhi\n\x1b[0m', stream: 'stderr' },
        { type: 'vertex', n: 2, name: '[2/2] RUN echo hi', state: 'done', durationMs: 300 },
        { type: 'done', state: 'succeeded', durationMs: 5 },
      ]),
    );
    expect(text).toBe(
      '#1 [1/2] FROM docker.io/library/busybox:latest\n#1 CACHED\n\n#2 [2/2] RUN echo hi\n#2 0.250 hi\n#2 DONE 0.3s\n\n[succeeded]\n',
    );
    expect(text.match(/#2 \[2\/2\]/g)).toHaveLength(1);
  });
});
