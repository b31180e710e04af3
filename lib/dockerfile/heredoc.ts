/**
 * Heredocs as the engine finds them (BuildKit's heredocsFromLine /
 * ParseHeredoc): the WHOLE logical line is split into shell words with quotes
 * and escapes kept raw and unset variables left as written, and each word that
 * is exactly `[digits]<<[-]word` starts a heredoc. So `cat <<EOF` and `2<<EOF`
 * count, but `cat<<EOF`, `<< EOF` and `<<<EOF` do not, and a line the shell
 * lexer can't read (an unclosed quote, `${}`) has no heredocs at all.
 *
 * Which lines are the body is decided in parse.ts; this file only decides
 * which words open a heredoc and what its terminator is.
 */
import { isGoSpace } from './go-text';

export type HeredocStart = {
  /** The terminator, with quotes and escapes removed (`<<"EOF"` → `EOF`). */
  name: string;
  /** `<<-`: leading tabs are stripped from the body and the terminator line. */
  chomp: boolean;
  /** False when any part of the word was quoted: the body is not expanded. */
  expand: boolean;
  /** The file descriptor written before `<<` (0 when none). */
  fd: number;
};

type LexOptions = { rawQuotes: boolean; rawEscapes: boolean };

class LexError extends Error {}

/**
 * A port of the behaviour (not the code) of BuildKit's shell.Lex word
 * splitting with an empty environment and SkipUnsetEnv: `$x`, `${x}` and
 * `${x:-y}` stay as written. Returns the words or throws LexError.
 */
function shellWords(text: string, options: LexOptions): string[] {
  const chars = Array.from(text);
  let pos = 0;
  const peek = () => (pos < chars.length ? chars[pos] : undefined);
  const next = () => (pos < chars.length ? chars[pos++] : undefined);

  const words: string[] = [];
  let word = '';
  let inWord = false;
  const addRaw = (s: string) => {
    word += s;
    inWord = true;
  };
  const addChar = (ch: string) => {
    if (isGoSpace(ch)) {
      if (inWord && word.length) {
        words.push(word);
        word = '';
        inWord = false;
      }
    } else addRaw(ch);
  };

  const name = (): string => {
    let out = '';
    for (let ch = peek(); ch !== undefined; ch = peek()) {
      if (out === '' && /[0-9]/.test(ch)) {
        while (peek() !== undefined && /[0-9]/.test(peek()!)) out += next();
        return out;
      }
      if (out === '' && '@*#?-$!0'.includes(ch)) return next()!;
      if (!/[\p{L}\p{Nd}_]/u.test(ch)) break;
      out += next();
    }
    return out;
  };

  // Reads up to `stop` (consumed); used inside ${…}. Quotes are processed as usual.
  const until = (stop: string, rawEscapes: boolean): string => {
    let out = '';
    for (;;) {
      const ch = peek();
      if (ch === undefined) throw new LexError(`missing ${stop}`);
      if (ch === stop) {
        next();
        return out;
      }
      if (ch === '$') out += dollar();
      else if (ch === "'") out += single();
      else if (ch === '"') out += double();
      else {
        next();
        if (ch === '\\') {
          if (rawEscapes) out += ch;
          const escaped = next();
          if (escaped === undefined) throw new LexError(`missing ${stop}`);
          out += escaped;
        } else out += ch;
      }
    }
  };

  const dollar = (): string => {
    next();
    if (peek() !== '{') {
      const n = name();
      return n === '' ? '$' : `$${n}`;
    }
    next();
    const first = peek();
    if (first === undefined) throw new LexError("missing '}'");
    if (first === '{' || first === '}' || first === ':') throw new LexError('bad substitution');
    const n = name();
    let ch = next();
    let modifier = ch ?? '';
    if (ch === '}') return `\${${n}}`;
    if (ch === ':' || (ch !== undefined && '+-?#%'.includes(ch))) {
      if (ch === ':') {
        ch = next();
        modifier += ch ?? '';
      }
      const value = until('}', ch === '#' || ch === '%');
      return `\${${n}${modifier}${value}}`;
    }
    if (ch === '/') {
      if (peek() === '/') next();
      const pattern = until('/', true);
      const replacement = until('}', true);
      return `\${${n}/${pattern}/${replacement}}`;
    }
    throw new LexError(`unsupported modifier (${modifier}) in substitution`);
  };

  const single = (): string => {
    const open = next()!;
    let out = options.rawQuotes ? open : '';
    for (;;) {
      const ch = next();
      if (ch === undefined) throw new LexError('unexpected end of statement while looking for matching single-quote');
      if (ch === "'") return options.rawQuotes ? out + ch : out;
      out += ch;
    }
  };

  const double = (): string => {
    const open = next()!;
    let out = options.rawQuotes ? open : '';
    for (;;) {
      const ch = peek();
      if (ch === undefined) throw new LexError('unexpected end of statement while looking for matching double-quote');
      if (ch === '"') {
        next();
        return options.rawQuotes ? out + ch : out;
      }
      if (ch === '$') {
        out += dollar();
        continue;
      }
      next();
      if (ch === '\\') {
        if (options.rawEscapes) out += ch;
        const after = peek();
        if (after === undefined) continue;
        out += after === '"' || after === '$' || after === '\\' ? next() : ch;
        continue;
      }
      out += ch;
    }
  };

  for (let ch = peek(); ch !== undefined; ch = peek()) {
    if (ch === '$') {
      for (const c of Array.from(dollar())) addChar(c);
    } else if (ch === "'") addRaw(single());
    else if (ch === '"') addRaw(double());
    else {
      next();
      if (ch === '\\') {
        if (options.rawEscapes) addRaw(ch);
        const escaped = next();
        if (escaped === undefined) break;
        addRaw(escaped);
      } else addChar(ch);
    }
  }
  if (word.length) words.push(word);
  return words;
}

const HEREDOC_WORD = /^([0-9]*)<<(-?)([^<]*)$/;

/**
 * ParseHeredoc for one word. Returns undefined when the word is not a heredoc,
 * or `{ error }` when the engine would refuse the whole Dockerfile.
 */
export function heredocFromWord(word: string): HeredocStart | { error: string } | undefined {
  const match = HEREDOC_WORD.exec(word);
  if (!match || match[3] === '') return undefined;
  const rest = match[3];
  let words: string[];
  let raw: string[];
  try {
    words = shellWords(rest, { rawQuotes: false, rawEscapes: false });
    if (words.length !== 1) return undefined;
    raw = shellWords(rest, { rawQuotes: true, rawEscapes: false });
  } catch (error) {
    return { error: `failed to process "${rest}": ${(error as Error).message}` };
  }
  const quotes = (s: string) => (s.match(/['"]/g) ?? []).length;
  return {
    name: words[0],
    chomp: match[2] === '-',
    expand: quotes(words[0]) === quotes(raw[0] ?? ''),
    fd: Number(match[1] || '0'),
  };
}

/** heredocsFromLine: every heredoc the logical line opens, in order. */
export function heredocsFromLine(line: string): { heredocs: HeredocStart[]; error?: string } {
  let words: string[];
  try {
    words = shellWords(line, { rawQuotes: true, rawEscapes: true });
  } catch {
    return { heredocs: [] };
  }
  const heredocs: HeredocStart[] = [];
  for (const word of words) {
    const found = heredocFromWord(word);
    if (!found) continue;
    if ('error' in found) return { heredocs, error: found.error };
    heredocs.push(found);
  }
  return { heredocs };
}
