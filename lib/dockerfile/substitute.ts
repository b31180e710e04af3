/**
 * Expands `$VAR`, `${VAR}`, `${VAR:-default}` and `${VAR:+alternative}` the way
 * the engine does for FROM (using only ARGs declared before the first FROM).
 * Anything more exotic is refused rather than guessed at: the caller treats a
 * failure as "can't tell which image this is".
 */

export type Expansion = { ok: true; value: string } | { ok: false; reason: string };

const NAME = /^[A-Za-z_][A-Za-z0-9_]*/;
// Docker's lexer reads Unicode letters and digits as part of a name; we don't guess.
const NAME_CONTINUES = /^[\p{L}\p{Nd}_]/u;
const PLAIN_WORD = /^[^${}'"\\`]*$/;

/** `vars` maps each declared name to its value (undefined when declared without one). */
export function expandVariables(word: string, vars: ReadonlyMap<string, string | undefined>): Expansion {
  let out = '';
  let i = 0;
  while (i < word.length) {
    const dollar = word.indexOf('$', i);
    if (dollar < 0) {
      out += word.slice(i);
      break;
    }
    out += word.slice(i, dollar);
    i = dollar + 1;
    const braced = word[i] === '{';
    if (braced) i++;
    const name = NAME.exec(word.slice(i))?.[0];
    if (!name) return { ok: false, reason: 'a "$" not followed by a variable name' };
    i += name.length;
    if (NAME_CONTINUES.test(word.slice(i))) return { ok: false, reason: `an unusual variable name after "$${name}"` };
    const value = vars.get(name) ?? '';
    if (!braced) {
      out += value;
      continue;
    }
    if (word[i] === '}') {
      out += value;
      i++;
      continue;
    }
    const modifier = word.slice(i, i + 2);
    const close = word.indexOf('}', i);
    if ((modifier !== ':-' && modifier !== ':+') || close < 0) {
      return { ok: false, reason: `an unsupported form "\${${name}${word.slice(i, close < 0 ? undefined : close)}}"` };
    }
    const fallback = word.slice(i + 2, close);
    if (!PLAIN_WORD.test(fallback)) return { ok: false, reason: `a nested variable or quote in "\${${name}${modifier}…}"` };
    if (modifier === ':-') out += value === '' ? fallback : value;
    else out += value === '' ? '' : fallback;
    i = close + 1;
  }
  return { ok: true, value: out };
}
