/**
 * A small ANSI SGR parser: turns text with colour escapes (RUN-step stderr
 * arrives wrapped in them) into styled segments the console renders as spans.
 * Only SGR (`ESC [ … m`) is interpreted; every other escape sequence is dropped
 * so cursor movement or title changes cannot garble the console.
 */

export type AnsiColor = number | `#${string}`; // 0–15 = the named palette, 16–255 = xterm cube, or truecolor
export type AnsiStyle = {
  fg?: AnsiColor;
  bg?: AnsiColor;
  bold?: boolean;
  dim?: boolean;
  italic?: boolean;
  underline?: boolean;
};
export type AnsiSegment = { text: string; style: AnsiStyle };

// CSI sequences (ESC [ params final), OSC (ESC ] … BEL / ST), and lone two-byte escapes.
const ESCAPE = /\x1b(?:\[([0-9;:?]*)([@-~])|\][^\x07\x1b]*(?:\x07|\x1b\\)|[@-Z\\-_])/g;

// An escape cut off at the end of a chunk (`ESC`, `ESC [ 3`, an OSC without its terminator): the next chunk completes it.
const UNFINISHED = /\x1b(?:\[[0-9;:?]*|\][^\x07\x1b]*\x1b?)?$/;
/** Longer than any escape we interpret: a stray ESC never swallows the log. */
const MAX_PENDING = 256;

/**
 * `initial` and `pending` are what the previous chunk of the same stream
 * returned as `style` and `pending`: the style it left on, and an escape it
 * ended in the middle of (streams split anywhere, even inside `ESC [ 31 m`).
 */
export function parseAnsi(
  chunk: string,
  initial: AnsiStyle = {},
  pending = '',
): { segments: AnsiSegment[]; style: AnsiStyle; pending: string } {
  let input = pending + chunk;
  const cut = UNFINISHED.exec(input);
  const rest = cut && cut[0].length <= MAX_PENDING ? cut[0] : '';
  if (cut) input = input.slice(0, cut.index);
  const segments: AnsiSegment[] = [];
  let style: AnsiStyle = { ...initial };
  let last = 0;
  const push = (text: string) => {
    if (!text) return;
    const prev = segments[segments.length - 1];
    if (prev && sameStyle(prev.style, style)) prev.text += text;
    else segments.push({ text, style: { ...style } });
  };
  for (const match of input.matchAll(ESCAPE)) {
    push(input.slice(last, match.index));
    last = match.index! + match[0].length;
    if (match[2] === 'm') style = applySgr(style, match[1] ?? '');
  }
  push(input.slice(last));
  return { segments, style, pending: rest };
}

/** Text with every escape sequence removed (for searching and copying). */
export function stripAnsi(input: string): string {
  return input.replace(ESCAPE, '');
}

function applySgr(current: AnsiStyle, params: string): AnsiStyle {
  const codes = params === '' ? [0] : params.split(/[;:]/).map((p) => (p === '' ? 0 : Number(p)));
  let s: AnsiStyle = { ...current };
  for (let i = 0; i < codes.length; i++) {
    const c = codes[i];
    if (c === 0) s = {};
    else if (c === 1) s.bold = true;
    else if (c === 2) s.dim = true;
    else if (c === 3) s.italic = true;
    else if (c === 4) s.underline = true;
    else if (c === 22) {
      delete s.bold;
      delete s.dim;
    } else if (c === 23) delete s.italic;
    else if (c === 24) delete s.underline;
    else if (c >= 30 && c <= 37) s.fg = c - 30;
    else if (c >= 90 && c <= 97) s.fg = c - 90 + 8;
    else if (c === 39) delete s.fg;
    else if (c >= 40 && c <= 47) s.bg = c - 40;
    else if (c >= 100 && c <= 107) s.bg = c - 100 + 8;
    else if (c === 49) delete s.bg;
    else if (c === 38 || c === 48) {
      const key = c === 38 ? 'fg' : 'bg';
      if (codes[i + 1] === 5 && codes[i + 2] !== undefined) {
        s[key] = clamp(codes[i + 2]);
        i += 2;
      } else if (codes[i + 1] === 2 && codes[i + 4] !== undefined) {
        s[key] = `#${[codes[i + 2], codes[i + 3], codes[i + 4]].map((v) => clamp(v).toString(16).padStart(2, '0')).join('')}`;
        i += 4;
      }
    }
  }
  return s;
}

function clamp(n: number) {
  return Math.max(0, Math.min(255, Math.trunc(n) || 0));
}

function sameStyle(a: AnsiStyle, b: AnsiStyle) {
  return (
    a.fg === b.fg &&
    a.bg === b.bg &&
    !!a.bold === !!b.bold &&
    !!a.dim === !!b.dim &&
    !!a.italic === !!b.italic &&
    !!a.underline === !!b.underline
  );
}

/** CSS colour for a palette index ≥ 16 or truecolor; indices 0–15 are themed via CSS classes instead. */
export function xtermColor(c: AnsiColor): string | undefined {
  if (typeof c === 'string') return c;
  if (c < 16) return undefined;
  if (c >= 232) {
    const v = 8 + (c - 232) * 10;
    return `rgb(${v},${v},${v})`;
  }
  const n = c - 16;
  const level = (x: number) => (x === 0 ? 0 : 55 + x * 40);
  return `rgb(${level(Math.floor(n / 36))},${level(Math.floor(n / 6) % 6)},${level(n % 6)})`;
}
