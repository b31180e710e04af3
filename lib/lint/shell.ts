/**
 * Just enough POSIX shell reading to find the commands of a RUN line: words
 * (quotes removed, with their raw offsets so fixes can edit in place) grouped
 * into simple commands split at && || ; | & ( ) and newlines. Not a shell
 * parser: it never expands anything, and gives up quietly on odd input.
 */

export type Word = {
  /** The word with quotes and backslashes removed. */
  text: string;
  /** Raw offsets in the tokenized string (-1 when the word has no source position). */
  start: number;
  end: number;
  /** True when any part of the word was quoted or escaped. */
  quoted: boolean;
};

export type ShellCommands = {
  commands: Word[][];
  /** A `#` comment swallowed the rest of the text. */
  hasComment: boolean;
};

const OPERATOR = /^(?:&&|\|\||;;|[;|&()\n])/;
const BLANK = /[ \t\r\v\f]/;
// A run of characters with no special meaning, taken in one step (RUN lines can be huge).
const PLAIN = /[^ \t\r\v\f\n;|&()'"\\]*/y;

export function splitCommands(text: string): ShellCommands {
  const commands: Word[][] = [];
  let current: Word[] = [];
  let hasComment = false;
  let i = 0;
  const endCommand = () => {
    if (current.length) commands.push(current);
    current = [];
  };
  while (i < text.length) {
    const ch = text[i];
    if (BLANK.test(ch)) {
      i++;
      continue;
    }
    const op = OPERATOR.exec(text.slice(i, i + 2));
    if (op) {
      endCommand();
      i += op[0].length;
      continue;
    }
    if (ch === '#') {
      hasComment = true;
      break;
    }
    // A word: runs until an unquoted blank or operator.
    const start = i;
    let word = '';
    let quoted = false;
    while (i < text.length) {
      const c = text[i];
      if (BLANK.test(c) || c === '\n' || c === ';' || c === '|' || c === '&' || c === '(' || c === ')') break;
      if (c === "'") {
        quoted = true;
        const close = text.indexOf("'", i + 1);
        const stop = close < 0 ? text.length : close;
        word += text.slice(i + 1, stop);
        i = stop + 1;
      } else if (c === '"') {
        quoted = true;
        i++;
        while (i < text.length && text[i] !== '"') {
          if (text[i] === '\\' && i + 1 < text.length && '"\\$`'.includes(text[i + 1])) i++;
          word += text[i];
          i++;
        }
        i++;
      } else if (c === '\\') {
        quoted = true;
        if (i + 1 < text.length) word += text[i + 1];
        i += 2;
      } else {
        PLAIN.lastIndex = i;
        PLAIN.exec(text);
        word += text.slice(i, PLAIN.lastIndex);
        i = PLAIN.lastIndex;
      }
    }
    current.push({ text: word, start, end: Math.min(i, text.length), quoted });
  }
  endCommand();
  return { commands, hasComment };
}

/** Words without positions, e.g. from a JSON-form RUN. */
export function unpositioned(values: string[]): Word[] {
  return values.map((text) => ({ text, start: -1, end: -1, quoted: true }));
}
