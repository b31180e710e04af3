import { describe, expect, it } from 'vitest';
import { BuildStreamDecoder } from './parse-build-stream';

const line = (o: object) => JSON.stringify(o) + '\n';

describe('BuildStreamDecoder', () => {
  it('turns Step lines into step events mapped to Dockerfile lines', () => {
    const d = new BuildStreamDecoder([{ index: 1, line: 2 }, { index: 2, line: 5 }]);
    const out = d.push(line({ stream: 'Step 2/4 : COPY . .' }));
    expect(out[0]).toEqual({ type: 'step', index: 2, total: 4, instruction: 'COPY . .', line: 5 });
    expect(out[1]).toEqual({ type: 'log', text: 'Step 2/4 : COPY . .' });
  });

  it('reassembles JSON lines split across chunks', () => {
    const d = new BuildStreamDecoder();
    const whole = line({ stream: 'hello\n' });
    expect(d.push(whole.slice(0, 5))).toEqual([]);
    expect(d.push(whole.slice(5))).toEqual([{ type: 'log', text: 'hello\n' }]);
  });

  it('marks the current step as cached', () => {
    const d = new BuildStreamDecoder([{ index: 1, line: 1 }]);
    d.push(line({ stream: 'Step 1/1 : RUN true' }));
    const out = d.push(line({ stream: ' ---> Using cache\n' }));
    expect(out[0]).toMatchObject({ type: 'step', index: 1, cached: true });
  });

  it('reports an error inside a 200 stream with the current step line', () => {
    const d = new BuildStreamDecoder([{ index: 3, line: 7 }]);
    d.push(line({ stream: 'Step 3/3 : RUN exit 3' }));
    const out = d.push(line({ errorDetail: { code: 3, message: "The command '/bin/sh -c exit 3' returned a non-zero code: 3" }, error: 'x' }));
    expect(out).toEqual([{ type: 'error', message: "The command '/bin/sh -c exit 3' returned a non-zero code: 3", line: 7 }]);
  });

  it('takes the line from a Dockerfile parse error', () => {
    const d = new BuildStreamDecoder();
    const out = d.push(line({ error: 'dockerfile parse error line 4: unknown instruction: RUNN' }));
    expect(out[0]).toMatchObject({ type: 'error', line: 4 });
  });

  it('yields the image id from aux and keeps non-JSON text as a system log', () => {
    const d = new BuildStreamDecoder();
    expect(d.push(line({ aux: { ID: 'sha256:abc' } }))).toEqual([{ type: 'image', id: 'sha256:abc' }]);
    expect(d.push('garbage\n')).toEqual([{ type: 'log', text: 'garbage\n', stream: 'system' }]);
    d.push('{"stream":"tail');
    expect(d.end()).toEqual([{ type: 'log', text: '{"stream":"tail\n', stream: 'system' }]);
  });
});
