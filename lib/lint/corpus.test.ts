import { describe, expect, it } from 'vitest';
import { applyFix, lintDockerfile } from '.';
import { corpusFiles, generated } from './lint-corpus';

/**
 * The coach over a corpus of varied Dockerfiles (lib/lint/corpus): it never
 * throws and reports exactly the expected rules per file. How fast it is, per
 * keystroke: `npm run bench -- --only lint`.
 */

const corpus = corpusFiles();

/** Exactly the rule ids each file must produce (order-free). */
const expected: Record<string, string[]> = {
  '01-seed.Dockerfile': ['avoid-root-user', 'copy-all-before-install', 'LegacyKeyValueFormat'],
  '02-good-python.Dockerfile': [],
  '03-multi-stage.Dockerfile': [],
  '04-apt-bad.Dockerfile': [
    'avoid-root-user',
    'combine-consecutive-runs',
    'apt-lists-not-removed',
    'sort-package-list',
    'prefer-exec-form',
  ],
  '05-apt-good.Dockerfile': [],
  '06-escape-backtick.Dockerfile': [],
  '07-heredoc.Dockerfile': ['avoid-root-user'],
  '08-comments-only.Dockerfile': ['syntax/missing-from'],
  '09-empty.Dockerfile': ['syntax/missing-from'],
  '10-whitespace.Dockerfile': ['syntax/missing-from'],
  '11-no-from.Dockerfile': ['syntax/missing-from', 'syntax/instruction-before-from'],
  '12-before-from.Dockerfile': ['syntax/instruction-before-from', 'avoid-root-user'],
  '13-unknown.Dockerfile': ['avoid-root-user', 'syntax/unknown-instruction'],
  '14-json-forms.Dockerfile': ['syntax/invalid-json'],
  '15-shell-forms.Dockerfile': ['prefer-exec-form'],
  '16-continuations.Dockerfile': ['NoEmptyContinuation'],
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
  // docker/dockerfile:1.x is the built-in frontend; cache mounts are fine on Engine 26.
  '27-syntax-directive.Dockerfile': [],
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
        expect(after.filter((x) => x.ruleId === d.ruleId).length, `${name}: ${d.ruleId}`).toBeLessThan(
          before.filter((x) => x.ruleId === d.ruleId).length,
        );
      }
    }
  });

  it.each(generated().map((g) => [g.name, g.text]))('never throws on %s', (_name, text) => {
    expect(() => lintDockerfile(text, { rethrow: true })).not.toThrow();
  });
});
