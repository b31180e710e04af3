/**
 * Splits a command line into words like a shell does for plain quoting, and
 * refuses (with a reason) everything a shell would interpret: variables,
 * globs, pipes, redirections and command chains are never guessed at.
 */
/** Splits a line into words like a shell would for plain quoting; returns a reason string for anything it will not interpret. */
export function tokenize(line: string): string[] | string {
  const words: string[] = [];
  let word = '';
  let inWord = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (ch === "'") {
      const end = line.indexOf("'", i + 1);
      if (end < 0) return 'A quote is not closed.';
      word += line.slice(i + 1, end);
      inWord = true;
      i = end;
    } else if (ch === '"') {
      let j = i + 1;
      for (; j < line.length && line[j] !== '"'; j++) {
        if (line[j] === '\\' && j + 1 < line.length && '"\\$`'.includes(line[j + 1])) word += line[++j];
        else if (line[j] === '$' || line[j] === '`') return 'Variables and command substitution (`$…`, backticks) are not run here.';
        else word += line[j];
      }
      if (j >= line.length) return 'A quote is not closed.';
      inWord = true;
      i = j;
    } else if (ch === '\\') {
      if (i + 1 < line.length) word += line[++i];
      inWord = true;
    } else if (/\s/.test(ch)) {
      if (inWord) words.push(word);
      word = '';
      inWord = false;
    } else if (ch === '$' || ch === '`') {
      return 'Variables and command substitution (`$…`, backticks) are not run here.';
    } else if (';&|<>()'.includes(ch)) {
      return 'Pipes, redirections and command chains (`|`, `>`, `;`, `&&`) are not run here; put one command per line.';
    } else if ('*?[]{}~'.includes(ch)) {
      return `The shell pattern \`${ch}\` is not expanded here; write the value out (or quote it).`;
    } else {
      word += ch;
      inWord = true;
    }
  }
  if (inWord) words.push(word);
  return words;
}
