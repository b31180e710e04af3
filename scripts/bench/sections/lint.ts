import { lintDockerfile } from '@/lib/lint';
import { corpusFiles, generated } from '@/lib/lint/lint-corpus';
import { fmtMs, info, target, type SectionResult } from '../report';
import { median } from '../stats';

/**
 * 6. The coach's speed: it lints the Dockerfile on every keystroke, in the
 * browser's main thread, so a file must take well under a frame. Median of 5
 * passes per file after a warm-up, over the lint corpus and generated monsters
 * (a 1 MB line, 20k continuation lines, random text). No server needed.
 */

const S = 'lint';

export async function lintSpeed(): Promise<SectionResult> {
  const corpus = corpusFiles();
  const inputs = [...corpus, ...generated()];
  const time = (text: string) => {
    const start = performance.now();
    lintDockerfile(text);
    return performance.now() - start;
  };
  for (const { text } of inputs) time(text);
  const perFile = inputs.map(({ name, text }) => ({ name, ms: median(Array.from({ length: 5 }, () => time(text))) }));
  const ordinary = perFile.slice(0, corpus.length);
  const slowestOrdinary = ordinary.reduce((a, b) => (b.ms > a.ms ? b : a));
  const slowest = perFile.reduce((a, b) => (b.ms > a.ms ? b : a));
  return {
    rows: [
      target(S, `median per file (${inputs.length} files)`, median(perFile.map((f) => f.ms)), 20, fmtMs),
      target(S, `slowest corpus file (${slowestOrdinary.name})`, slowestOrdinary.ms, 20, fmtMs),
      info(S, `slowest generated input (${slowest.name})`, fmtMs(slowest.ms)),
    ],
    figures: { perFile },
  };
}
