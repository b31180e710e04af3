import { describe, expect, it } from 'vitest';
import { LineEditor } from './line-editor';

const typed = (e: LineEditor, ...keys: string[]) => keys.map((k) => e.feed(k)).flatMap((r) => r.actions);

describe('LineEditor', () => {
  it('submits the typed line on Enter and echoes the characters', () => {
    const e = new LineEditor();
    const echo = [...'docker images'].map((c) => e.feed(c).write).join('');
    expect(echo).toContain('docker images');
    expect(e.feed('\r').actions).toEqual([{ type: 'submit', line: 'docker images' }]);
    expect(e.text).toBe('');
  });

  it('edits in the middle: ←, Backspace, Home/End, Ctrl+U and Ctrl+W', () => {
    const e = new LineEditor();
    e.feed('docker imagez');
    e.feed('\x7f');
    e.feed('s');
    e.feed('\x1b[H');
    e.feed('sudo ');
    e.feed('\x01');
    e.feed('\x1b[3~\x1b[3~\x1b[3~\x1b[3~\x1b[3~');
    expect(e.text).toBe('docker images');
    e.feed('\x1b[F');
    e.feed(' -q');
    e.feed('\x17');
    expect(e.text).toBe('docker images ');
    e.feed('\x15');
    expect(e.text).toBe('');
  });

  it('browses history with ↑/↓ and keeps the line being typed', () => {
    const e = new LineEditor(['docker images']);
    typed(e, 'docker ps', '\r');
    e.feed('dock');
    e.feed('\x1b[A');
    expect(e.text).toBe('docker ps');
    e.feed('\x1b[A');
    expect(e.text).toBe('docker images');
    e.feed('\x1b[A');
    expect(e.text).toBe('docker images');
    e.feed('\x1b[B');
    e.feed('\x1b[B');
    expect(e.text).toBe('dock');
  });

  it('asks for completion of the text before the cursor on Tab, interrupts on Ctrl+C, clears on Ctrl+L', () => {
    const e = new LineEditor();
    e.feed('docker hi');
    expect(e.feed('\t').actions).toEqual([{ type: 'complete', line: 'docker hi' }]);
    expect(e.feed('\x0c').actions).toEqual([{ type: 'clear' }]);
    expect(e.feed('\x03')).toEqual({ write: '^C\r\n', actions: [{ type: 'interrupt' }] });
    expect(e.text).toBe('');
  });

  it('pastes several lines as one line of words, never running them', () => {
    const e = new LineEditor();
    e.insert('docker build \r\n-t app .');
    expect(e.text).toBe('docker build  -t app .');
  });
});
