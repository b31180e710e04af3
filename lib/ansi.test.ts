import { describe, expect, it } from 'vitest';
import { parseAnsi, stripAnsi, xtermColor } from './ansi';

describe('parseAnsi', () => {
  it('returns plain text as one unstyled segment', () => {
    expect(parseAnsi('hello').segments).toEqual([{ text: 'hello', style: {} }]);
  });

  it('colours RUN-step stderr the way the daemon wraps it', () => {
    const { segments } = parseAnsi('\x1b[91mERROR: no such file\n\x1b[0mdone');
    expect(segments).toEqual([
      { text: 'ERROR: no such file\n', style: { fg: 9 } },
      { text: 'done', style: {} },
    ]);
  });

  it('combines attributes and resets them individually', () => {
    const { segments } = parseAnsi('\x1b[1;32mok\x1b[22m plain-green\x1b[39m none');
    expect(segments).toEqual([
      { text: 'ok', style: { bold: true, fg: 2 } },
      { text: ' plain-green', style: { fg: 2 } },
      { text: ' none', style: {} },
    ]);
  });

  it('reads 256-colour and truecolor forms', () => {
    expect(parseAnsi('\x1b[38;5;196mx').segments[0].style).toEqual({ fg: 196 });
    expect(parseAnsi('\x1b[48;2;255;0;16mx').segments[0].style).toEqual({ bg: '#ff0010' });
  });

  it('drops non-SGR escapes instead of printing them', () => {
    expect(stripAnsi('a\x1b[2Kb\x1b]0;title\x07c\x1b[?25ld')).toBe('abcd');
    expect(parseAnsi('a\x1b[1Ab').segments).toEqual([{ text: 'ab', style: {} }]);
  });

  it('carries the style across chunks', () => {
    const first = parseAnsi('\x1b[31mred');
    const second = parseAnsi('still red\x1b[m', first.style);
    expect(second.segments).toEqual([{ text: 'still red', style: { fg: 1 } }]);
    expect(second.style).toEqual({});
  });
});

describe('parseAnsi across chunks', () => {
  it('renders an escape split across two chunks as colour, not text', () => {
    const first = parseAnsi('\x1b[3');
    expect(first.segments).toEqual([]);
    const second = parseAnsi('1mred', first.style, first.pending);
    expect(second.segments).toEqual([{ text: 'red', style: { fg: 1 } }]);
    expect(second.pending).toBe('');
  });

  it('keeps a lone ESC at the end of a chunk for the next one', () => {
    const first = parseAnsi('ok\x1b');
    expect(first.segments).toEqual([{ text: 'ok', style: {} }]);
    expect(parseAnsi('[1mbold', first.style, first.pending).segments).toEqual([{ text: 'bold', style: { bold: true } }]);
  });

  it('drops an unfinished escape that would never end instead of holding the log back', () => {
    const { segments, pending } = parseAnsi(`a\x1b]${'x'.repeat(300)}`);
    expect(segments).toEqual([{ text: 'a', style: {} }]);
    expect(pending).toBe('');
  });
});

describe('xtermColor', () => {
  it('maps the cube and grey ramp, leaving the 16 themed colours to CSS', () => {
    expect(xtermColor(3)).toBeUndefined();
    expect(xtermColor(196)).toBe('rgb(255,0,0)');
    expect(xtermColor(232)).toBe('rgb(8,8,8)');
    expect(xtermColor('#abcdef')).toBe('#abcdef');
  });
});
