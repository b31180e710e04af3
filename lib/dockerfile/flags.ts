/**
 * Docker's extractBuilderFlags: leading `--name=value` words of an
 * instruction, with its own quoting (quotes group, `\` escapes the next
 * character whatever the escape directive says, a bare `--` ends the flags).
 */
import { isGoSpace } from './go-text';

export type FlagWord = {
  /** The word after Docker's unquoting, e.g. `--from=build`. */
  word: string;
  /** Offsets of the raw word in the text given to extractFlags. */
  start: number;
  end: number;
};

export type ExtractedFlags = {
  words: FlagWord[];
  /** Where the instruction's arguments start in the text given to extractFlags. */
  restStart: number;
  /**
   * Go walks this text byte by byte, so a non-ASCII character inside the flags
   * can split differently there (0x85 and 0xA0 bytes count as spaces). Callers
   * that rely on flags must refuse when this is set.
   */
  nonAscii: boolean;
};

// Go casts single bytes to runes: only ASCII decides here, non-ASCII is reported instead.
function byteIsSpace(ch: string): boolean {
  return ch.charCodeAt(0) < 0x80 && isGoSpace(ch);
}

export function extractFlags(line: string): ExtractedFlags {
  const words: FlagWord[] = [];
  let nonAscii = false;
  let phase: 'spaces' | 'word' | 'quote' = 'spaces';
  let word = '';
  let wordStart = 0;
  let quote = '';
  let blankOK = false;

  for (let pos = 0; pos <= line.length; pos++) {
    const atEnd = pos === line.length;
    let ch = atEnd ? '' : line[pos];
    if (!atEnd && ch.charCodeAt(0) >= 0x80 && phase !== 'spaces') nonAscii = true;

    if (phase === 'spaces') {
      if (atEnd) break;
      if (byteIsSpace(ch)) continue;
      if (ch !== '-' || pos + 1 === line.length || line[pos + 1] !== '-') {
        return { words, restStart: pos, nonAscii };
      }
      phase = 'word';
      wordStart = pos;
    }
    if (atEnd) {
      if (word !== '--' && (blankOK || word.length > 0)) words.push({ word, start: wordStart, end: pos });
      break;
    }
    if (phase === 'word') {
      if (byteIsSpace(ch)) {
        phase = 'spaces';
        if (word === '--') return { words, restStart: pos, nonAscii };
        if (blankOK || word.length > 0) words.push({ word, start: wordStart, end: pos });
        word = '';
        blankOK = false;
        continue;
      }
      if (ch === "'" || ch === '"') {
        quote = ch;
        blankOK = true;
        phase = 'quote';
        continue;
      }
      if (ch === '\\') {
        if (pos + 1 === line.length) continue;
        pos++;
        ch = line[pos];
      }
      word += ch;
      continue;
    }
    // phase === 'quote'
    if (ch === quote) {
      phase = 'word';
      continue;
    }
    if (ch === '\\') {
      if (pos + 1 === line.length) {
        phase = 'word';
        continue;
      }
      pos++;
      ch = line[pos];
    }
    word += ch;
  }
  return { words, restStart: line.length, nonAscii };
}
