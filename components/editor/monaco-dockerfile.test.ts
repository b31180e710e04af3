import { describe, expect, it } from 'vitest';
import type { editor } from 'monaco-editor';
import { applyFix, lintDockerfile } from '@/lib/lint';
import { describes, fixEdits, provideCoachActions, type Linted } from './monaco-dockerfile';

/** Just enough of a Monaco text model for the coach's code actions. */
function fakeModel(text: string) {
  const lines = text.split('\n');
  return {
    uri: { toString: () => 'file:///workspace/Dockerfile' },
    getValue: () => text,
    getVersionId: () => 7,
    getLineCount: () => lines.length,
    getLineMaxColumn: (n: number) => lines[n - 1].length + 1,
  } as unknown as editor.ITextModel;
}

const marker = (ruleId: string, line: number): editor.IMarkerData => ({
  severity: 4,
  message: '',
  source: 'Dockerfile coach',
  code: { value: ruleId, target: {} as never },
  startLineNumber: line,
  startColumn: 1,
  endLineNumber: line,
  endColumn: 2,
});

const TEXT = 'FROM python:3.13-slim\nWORKDIR app\nRUN pip install flask\nCMD python app.py\n';

describe('the coach’s code actions', () => {
  const linted: Linted = { source: TEXT, diagnostics: lintDockerfile(TEXT) };
  const host = { linted: () => linted, showRule() {} };

  it('offers the rule’s fix first, as an edit that does what applyFix does', () => {
    const model = fakeModel(TEXT);
    const actions = provideCoachActions(host, model, [marker('pip-no-cache-dir', 3)]);
    expect(actions.map((a) => a.title)).toEqual(['Add --no-cache-dir', expect.stringContaining('Explain')]);
    expect(actions[0]).toMatchObject({ kind: 'quickfix', isPreferred: true });
    const diagnostic = linted.diagnostics.find((d) => d.ruleId === 'pip-no-cache-dir')!;
    const [edit] = fixEdits(model, diagnostic);
    expect(edit).toEqual({
      range: { startLineNumber: 3, startColumn: 1, endLineNumber: 3, endColumn: 22 },
      text: 'RUN pip install --no-cache-dir flask',
    });
    const lines = TEXT.split('\n');
    lines.splice(2, 1, edit.text);
    expect(lines.join('\n')).toBe(applyFix(TEXT, diagnostic.fix!));
  });

  it('offers only an explanation for a rule without a fix, and nothing for other markers', () => {
    const actions = provideCoachActions(host, fakeModel(TEXT), [marker('avoid-root-user', 1), { ...marker('x', 2), source: 'build' }]);
    expect(actions).toHaveLength(1);
    expect(actions[0].command).toMatchObject({ id: 'layerlab.showRule', arguments: ['avoid-root-user'] });
  });

  it('offers nothing once the text moved on from what was linted (the lines may have shifted)', () => {
    const edited = `# a comment\n${TEXT}`;
    expect(describes(linted, fakeModel(edited))).toBe(false);
    expect(provideCoachActions(host, fakeModel(edited), [marker('pip-no-cache-dir', 3)])).toEqual([]);
  });
});
