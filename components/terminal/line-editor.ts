/**
 * The terminal's `docker` prompt as a pure state machine: xterm.js hands it
 * the bytes a key produces, it answers with what to draw and what to do
 * (run a line, complete a word, cancel, clear). Readline's common keys:
 * ←/→, Home/End (and Ctrl+A/E), Backspace/Delete, Ctrl+U/K/W, ↑/↓ history.
 */

export type EditorAction =
  { type: 'submit'; line: string } | { type: 'complete'; line: string } | { type: 'interrupt' } | { type: 'clear' };

export const PROMPT = '\x1b[1;34m$\x1b[0m ';

export class LineEditor {
  private line = '';
  private cursor = 0;
  private history: string[] = [];
  /** Position while browsing history; history.length means "the line being typed". */
  private browsing = 0;
  private draft = '';

  constructor(history: string[] = []) {
    this.setHistory(history);
  }

  setHistory(lines: string[]) {
    this.history = lines.filter((l) => l.trim() !== '').slice(-500);
    this.browsing = this.history.length;
  }

  get text() {
    return this.line;
  }

  /** Feeds what a key (or a paste) produced; returns the escape sequences to write and the actions to take. */
  feed(data: string): { write: string; actions: EditorAction[] } {
    let write = '';
    const actions: EditorAction[] = [];
    let i = 0;
    while (i < data.length) {
      const rest = data.slice(i);
      const seq = /^\x1b(\[[0-9;]*[A-Za-z~]|O[A-Za-z])/.exec(rest)?.[0];
      if (seq) {
        write += this.escape(seq);
        i += seq.length;
        continue;
      }
      const ch = data[i++];
      switch (ch) {
        case '\r':
        case '\n': {
          if (ch === '\n' && data[i - 2] === '\r') break;
          const line = this.line;
          write += '\r\n';
          if (line.trim() !== '' && this.history.at(-1) !== line) this.history.push(line);
          this.browsing = this.history.length;
          this.line = '';
          this.cursor = 0;
          actions.push({ type: 'submit', line });
          break;
        }
        case '\x7f':
        case '\b':
          if (this.cursor > 0) {
            this.line = this.line.slice(0, this.cursor - 1) + this.line.slice(this.cursor);
            this.cursor--;
            write += '\b' + this.tail();
          }
          break;
        case '\t':
          actions.push({ type: 'complete', line: this.line.slice(0, this.cursor) });
          break;
        case '\x03':
          write += '^C\r\n';
          this.line = '';
          this.cursor = 0;
          this.browsing = this.history.length;
          actions.push({ type: 'interrupt' });
          break;
        case '\x0c':
          actions.push({ type: 'clear' });
          break;
        case '\x01':
          write += this.moveTo(0);
          break;
        case '\x05':
          write += this.moveTo(this.line.length);
          break;
        case '\x15':
          write += this.replace(this.line.slice(this.cursor), 0);
          break;
        case '\x0b':
          write += this.replace(this.line.slice(0, this.cursor), this.cursor);
          break;
        case '\x17': {
          const before = this.line.slice(0, this.cursor).replace(/\S+\s*$/, '');
          write += this.replace(before + this.line.slice(this.cursor), before.length);
          break;
        }
        default:
          if (ch >= ' ' && ch !== '\x7f') write += this.insert(ch);
      }
    }
    return { write, actions };
  }

  /** Inserts text at the cursor (a completion, a pasted lesson command); newlines are not executed. */
  insert(text: string): string {
    const clean = text.replace(/[\r\n]+/g, ' ').replace(/[\x00-\x1f\x7f]/g, '');
    if (!clean) return '';
    this.line = this.line.slice(0, this.cursor) + clean + this.line.slice(this.cursor);
    this.cursor += clean.length;
    return clean + this.tail(false);
  }

  /** The prompt and the current line, for redrawing after output or a clear. */
  redraw(): string {
    return `\r\x1b[K${PROMPT}${this.line}${this.line.length > this.cursor ? `\x1b[${this.line.length - this.cursor}D` : ''}`;
  }

  private escape(seq: string): string {
    switch (seq) {
      case '\x1b[D':
      case '\x1bOD':
        return this.moveTo(this.cursor - 1);
      case '\x1b[C':
      case '\x1bOC':
        return this.moveTo(this.cursor + 1);
      case '\x1b[H':
      case '\x1bOH':
      case '\x1b[1~':
        return this.moveTo(0);
      case '\x1b[F':
      case '\x1bOF':
      case '\x1b[4~':
        return this.moveTo(this.line.length);
      case '\x1b[3~':
        if (this.cursor >= this.line.length) return '';
        this.line = this.line.slice(0, this.cursor) + this.line.slice(this.cursor + 1);
        return this.tail();
      case '\x1b[A':
      case '\x1bOA':
        return this.browse(-1);
      case '\x1b[B':
      case '\x1bOB':
        return this.browse(1);
      default:
        return '';
    }
  }

  private browse(step: number): string {
    const next = this.browsing + step;
    if (next < 0 || next > this.history.length) return '';
    if (this.browsing === this.history.length) this.draft = this.line;
    this.browsing = next;
    const text = next === this.history.length ? this.draft : this.history[next];
    return this.replace(text, text.length);
  }

  private replace(text: string, cursor: number): string {
    this.line = text;
    this.cursor = cursor;
    return this.redraw();
  }

  private moveTo(pos: number): string {
    const target = Math.max(0, Math.min(this.line.length, pos));
    const delta = target - this.cursor;
    this.cursor = target;
    if (delta === 0) return '';
    return delta < 0 ? `\x1b[${-delta}D` : `\x1b[${delta}C`;
  }

  /** Rewrites from the cursor to the end of the line, then puts the cursor back. */
  private tail(erase = true): string {
    const after = this.line.slice(this.cursor);
    return `${after}${erase ? '\x1b[K' : ''}${after.length ? `\x1b[${after.length}D` : ''}`;
  }
}
