import { describe, expect, it } from 'vitest';
import { lineDiff, sameLines } from './line-diff';

const compact = (a: string, b: string) =>
  lineDiff(a, b).map((l) => (l.type === 'same' ? `  ${l.text}` : l.type === 'removed' ? `- ${l.text}` : `+ ${l.text}`));

describe('lineDiff', () => {
  it('keeps common lines and marks the rest', () => {
    expect(
      compact(
        'FROM python:3.13-slim\nCOPY . .\nCMD python app.py\n',
        'FROM python:3.13-slim\nWORKDIR /app\nCOPY . .\nCMD ["python", "app.py"]\n',
      ),
    ).toEqual(['  FROM python:3.13-slim', '+ WORKDIR /app', '  COPY . .', '- CMD python app.py', '+ CMD ["python", "app.py"]']);
  });

  it('finds a moved line as one removal and one addition', () => {
    expect(compact('a\nb\nc', 'b\nc\na')).toEqual(['- a', '  b', '  c', '+ a']);
  });

  it('numbers lines on each side', () => {
    const d = lineDiff('x\ny', 'y\nz');
    expect(d).toEqual([
      { type: 'removed', text: 'x', a: 1 },
      { type: 'same', text: 'y', a: 2, b: 1 },
      { type: 'added', text: 'z', b: 2 },
    ]);
  });

  it('handles empty sides and CRLF', () => {
    expect(compact('', 'a\n')).toEqual(['+ a']);
    expect(compact('a\r\nb\r\n', 'a\nb\n')).toEqual(['  a', '  b']);
    expect(lineDiff('', '')).toEqual([]);
  });

  it('the same lines in both is all "same"', () => {
    const text = Array.from({ length: 200 }, (_, i) => `RUN echo ${i}`).join('\n');
    expect(lineDiff(text, text).every((l) => l.type === 'same')).toBe(true);
  });
});

describe('sameLines', () => {
  it('ignores trailing whitespace and line endings only', () => {
    expect(sameLines('a  \r\nb\n\n', 'a\nb')).toBe(true);
    expect(sameLines('a\nb', 'a\n b')).toBe(false);
  });
});
