/**
 * Text helpers that behave like the Go functions Docker's Dockerfile parser
 * uses. The policy is only sound if we split and trim exactly where the engine
 * does, so these are deliberately not JavaScript's `trim()` / `\s`.
 */

/** Go's unicode.IsSpace: JS `\s` differs (it has U+FEFF, lacks U+0085). */
const GO_SPACE = /[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]/;

export function isGoSpace(ch: string): boolean {
  return GO_SPACE.test(ch);
}

/** Length of the leading run of Go spaces (bytes.TrimLeftFunc(…, unicode.IsSpace)). */
export function goLeadingSpace(text: string): number {
  let i = 0;
  while (i < text.length && isGoSpace(text[i])) i++;
  return i;
}

/** strings.TrimSpace, returning where the kept text starts and ends. */
export function goTrimSpace(text: string): { start: number; end: number; text: string } {
  const start = goLeadingSpace(text);
  let end = text.length;
  while (end > start && isGoSpace(text[end - 1])) end--;
  return { start, end, text: text.slice(start, end) };
}

/** Docker's `tokenWhitespace` / `reWhitespace`: the separator for keywords and whitespace-delimited arguments. */
export const DOCKER_WHITESPACE = /[\t\v\f\r ]+/;

/** parseStringsWhitespaceDelimited: split on DOCKER_WHITESPACE, keeping offsets. */
export function splitWords(text: string): { word: string; start: number; end: number }[] {
  if (text === '') return [];
  const words: { word: string; start: number; end: number }[] = [];
  const separator = new RegExp(DOCKER_WHITESPACE.source, 'g');
  let start = 0;
  for (let match = separator.exec(text); match; match = separator.exec(text)) {
    words.push({ word: text.slice(start, match.index), start, end: match.index });
    start = match.index + match[0].length;
  }
  words.push({ word: text.slice(start), start, end: text.length });
  return words;
}
