import { describe, expect, it } from 'vitest';
import { compareWithEngine, predictEngineSteps } from './engine-steps';
import { readDockerfile } from './instructions';

const predict = (text: string) => predictEngineSteps(readDockerfile(text));
const vertices = (...names: string[]) => ({
  vertices: ['[internal] load remote build context', ...names, 'exporting to image'],
  errors: [],
});

describe('predictEngineSteps / compareWithEngine', () => {
  it('predicts the steps BuildKit names for a single stage', () => {
    expect(predict('FROM busybox\nENV A=b\nrun echo a \\\n  b\nWORKDIR /w\nCOPY a.txt /a\n')).toEqual({
      refused: false,
      stages: [{ label: '', steps: ['FROM', 'RUN echo a b', 'WORKDIR /w', 'COPY a.txt /a'] }],
    });
  });

  it('agrees with a matching engine report and names the first difference otherwise', () => {
    const prediction = predict('FROM busybox\nRUN echo \\\\\nADD http://127.0.0.1:9/x /x\n');
    expect(
      compareWithEngine(
        prediction,
        vertices('[1/3] FROM docker.io/library/busybox:latest', '[2/3] RUN echo \\', '[3/3] ADD http://127.0.0.1:9/x /x'),
      ),
    ).toEqual([]);
    // What the old parser predicted for the same file: one RUN that swallowed the ADD.
    expect(
      compareWithEngine(
        { refused: false, stages: [{ label: '', steps: ['FROM', 'RUN echo ADD http://127.0.0.1:9/x /x'] }] },
        vertices('[1/3] FROM docker.io/library/busybox:latest', '[2/3] RUN echo \\', '[3/3] ADD http://127.0.0.1:9/x /x'),
      ),
    ).not.toEqual([]);
  });

  it('only follows the stages the last stage needs, labelled like BuildKit', () => {
    const prediction = predict('FROM busybox AS unused\nRUN echo u\nFROM busybox AS b\nRUN echo b\nFROM busybox\nCOPY --from=b /b /b\n');
    expect(prediction.refused === false && prediction.stages.map((s) => s.label)).toEqual(['b', 'stage-2']);
  });

  it('requires the engine to refuse what we refuse, and the other way round', () => {
    const refusedByEngine = { vertices: [], errors: ['dockerfile parse error line 2: unknown instruction: FOO'] };
    expect(compareWithEngine(predict('FROM busybox\nFOO bar\n'), refusedByEngine)).toEqual([]);
    expect(compareWithEngine(predict('FROM busybox\nRUN echo a\n'), refusedByEngine)).toHaveLength(1);
    expect(compareWithEngine(predict('FROM busybox\nFOO bar\n'), vertices('[1/1] FROM docker.io/library/busybox:latest'))).toHaveLength(1);
  });
});
