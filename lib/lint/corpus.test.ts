import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { applyFix, lintDockerfile } from '.';

/**
 * The coach over a corpus of varied Dockerfiles (lib/lint/corpus): it never
 * throws, reports exactly the expected rules per file, and stays fast enough
 * to run on every keystroke.
 */

const dir = path.join(import.meta.dirname, 'corpus');
const corpus = readdirSync(dir)
  .filter((name) => name.endsWith('.Dockerfile'))
  .sort()
  .map((name) => ({ name, text: readFileSync(path.join(dir, name), 'utf8') }));

/** Exactly the rule ids each file must produce (order-free). */
const expected: Record<string, string[]> = {
  '01-seed.Dockerfile': ['avoid-root-user', 'copy-all-before-install'],
  '02-good-python.Dockerfile': [],
  '03-multi-stage.Dockerfile': [],
  '04-apt-bad.Dockerfile': ['avoid-root-user', 'combine-consecutive-runs', 'apt-lists-not-removed', 'sort-package-list', 'prefer-exec-form'],
  '05-apt-good.Dockerfile': [],
  '06-escape-backtick.Dockerfile': [],
  '07-heredoc.Dockerfile': ['avoid-root-user', 'syntax/unsupported-feature'],
  '08-comments-only.Dockerfile': ['syntax/missing-from'],
  '09-empty.Dockerfile': ['syntax/missing-from'],
  '10-whitespace.Dockerfile': ['syntax/missing-from'],
  '11-no-from.Dockerfile': ['syntax/missing-from', 'syntax/instruction-before-from'],
  '12-before-from.Dockerfile': ['syntax/instruction-before-from', 'avoid-root-user'],
  '13-unknown.Dockerfile': ['avoid-root-user', 'syntax/unknown-instruction'],
  '14-json-forms.Dockerfile': ['syntax/invalid-json'],
  '15-shell-forms.Dockerfile': ['prefer-exec-form'],
  '16-continuations.Dockerfile': [],
  '17-add.Dockerfile': ['prefer-copy'],
  '18-workdir.Dockerfile': ['workdir-absolute'],
  '19-root.Dockerfile': ['avoid-root-user'],
  '20-node.Dockerfile': ['copy-all-before-install'],
  '21-lowercase.Dockerfile': [],
  '22-unicode.Dockerfile': [],
  '23-onbuild.Dockerfile': ['syntax/bad-arguments'],
  '24-bad-args.Dockerfile': ['syntax/bad-arguments'],
  '25-latest.Dockerfile': ['avoid-root-user', 'base-image-unpinned', 'pip-no-cache-dir'],
  '26-foreign-base.Dockerfile': ['base-image-not-allowed'],
  '27-syntax-directive.Dockerfile': ['syntax/unsupported-feature'],
  '28-pip-continuation.Dockerfile': ['pip-no-cache-dir', 'sort-package-list'],
  '29-apk.Dockerfile': ['sort-package-list'],
  '30-json-errors.Dockerfile': ['syntax/json-not-strings', 'syntax/invalid-json'],
  '31-scratch.Dockerfile': ['avoid-root-user'],
  '32-bom.Dockerfile': [],
  '33-weird-spacing.Dockerfile': [],
  '34-dangling-continuation.Dockerfile': ['avoid-root-user'],
  '35-crlf.Dockerfile': [],
  // A lone \r is not a line break to Docker: this is one FROM with five words.
  '36-lone-cr.Dockerfile': ['avoid-root-user', 'syntax/bad-arguments'],
  '37-garbage.Dockerfile': ['syntax/missing-from', 'syntax/unknown-instruction'],
  '38-nul-bytes.Dockerfile': ['base-image-not-allowed'],
};

/** Generated inputs too big or too odd to keep as files. */
function generated(): { name: string; text: string }[] {
  const steps = Array.from({ length: 2000 }, (_, i) =>
    i % 4 === 0 ? `RUN apt-get install -y \\\n    pkg${i} \\\n    apkg${i}` : i % 4 === 1 ? `COPY f${i} /f${i}` : i % 4 === 2 ? `ENV V${i}="value ${i}"` : `# comment ${i}`,
  );
  let seed = 1;
  const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  return [
    { name: 'huge (2000 steps, ~60 KB)', text: `FROM python:3.11-slim\n${steps.join('\n')}\n` },
    { name: 'one 1 MB RUN line', text: `FROM busybox:latest\nRUN echo ${'x'.repeat(1 << 20)}\n` },
    { name: '20k continuation lines', text: `FROM busybox:latest\nRUN apk add \\\n${Array.from({ length: 20_000 }, (_, i) => `  p${20_000 - i} \\`).join('\n')}\n  z\n` },
    { name: 'unterminated quotes and brackets', text: `FROM busybox:latest\nRUN echo "${"'".repeat(5000)}\nCMD [${'"a",'.repeat(3000)}\nENV A="${'\\'.repeat(3001)}\n` },
    { name: 'random printable text', text: Array.from({ length: 20_000 }, () => String.fromCharCode(32 + Math.floor(random() * 95))).join('').replace(/~/g, '\n') },
    { name: 'random code points', text: Array.from({ length: 20_000 }, () => String.fromCodePoint(Math.floor(random() * 0x10ffff) & ~0x800)).join('') },
    { name: 'deep heredocs', text: `FROM busybox:latest\n${'RUN <<A <<B\n'.repeat(500)}` },
  ];
}

describe('lint corpus', () => {
  it('has at least 30 files, each with an expectation', () => {
    expect(corpus.length).toBeGreaterThanOrEqual(30);
    expect(corpus.map((f) => f.name)).toEqual(Object.keys(expected).sort());
  });

  it.each(corpus.map((f) => [f.name, f.text]))('%s gives the expected diagnostics', (name, text) => {
    const diagnostics = lintDockerfile(text, { rethrow: true });
    expect([...new Set(diagnostics.map((d) => d.ruleId))].sort()).toEqual([...expected[name]].sort());
    const lines = Math.max(1, text.split('\n').length);
    for (const d of diagnostics) {
      expect(d.line).toBeGreaterThanOrEqual(1);
      expect(d.line).toBeLessThanOrEqual(lines);
      expect(d.message.length).toBeGreaterThan(10);
    }
  });

  it('applies every quick fix in the corpus without crashing or adding syntax errors', () => {
    for (const { name, text } of corpus) {
      const before = lintDockerfile(text, { rethrow: true });
      const syntaxBefore = before.filter((d) => d.ruleId.startsWith('syntax/')).length;
      for (const d of before.filter((x) => x.fix)) {
        const after = lintDockerfile(applyFix(text, d.fix!), { rethrow: true });
        expect(after.filter((x) => x.ruleId.startsWith('syntax/')).length, `${name}: ${d.ruleId}`).toBeLessThanOrEqual(syntaxBefore);
        expect(after.filter((x) => x.ruleId === d.ruleId).length, `${name}: ${d.ruleId}`).toBeLessThan(before.filter((x) => x.ruleId === d.ruleId).length);
      }
    }
  });

  it.each(generated().map((g) => [g.name, g.text]))('never throws on %s', (_name, text) => {
    expect(() => lintDockerfile(text, { rethrow: true })).not.toThrow();
  });

  it('is fast: median under 20 ms per file (5 passes after a warm-up)', () => {
    const inputs = [...corpus, ...generated()];
    const time = (text: string) => {
      const start = performance.now();
      lintDockerfile(text);
      return performance.now() - start;
    };
    for (const { text } of inputs) time(text);
    const medians = inputs.map(({ name, text }) => {
      const runs = Array.from({ length: 5 }, () => time(text)).sort((a, b) => a - b);
      return { name, ms: runs[2] };
    });
    const perFile = medians.map((m) => m.ms).sort((a, b) => a - b);
    const overall = perFile[Math.floor(perFile.length / 2)];
    console.log(`lint timing: median ${overall.toFixed(3)} ms/file, slowest ${medians.reduce((a, b) => (b.ms > a.ms ? b : a)).name} ${perFile.at(-1)!.toFixed(1)} ms`);
    expect(overall).toBeLessThan(20);
    // Every ordinary file too, not just the median.
    for (const m of medians.slice(0, corpus.length)) expect(m.ms, m.name).toBeLessThan(20);
  });
});
