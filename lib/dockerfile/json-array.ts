/**
 * The JSON ("exec") form, decoded the way Docker's Go decoder does: only the
 * first JSON value counts and anything after it is ignored
 * (`ADD ["http://x", "/y"] junk` is still JSON to the engine).
 */
import { goLeadingSpace } from './go-text';

export type JsonArgs =
  | { kind: 'json'; values: string[] }
  /** A JSON array holding something other than strings: the engine refuses it. */
  | { kind: 'not-strings' }
  /** Not JSON: the engine falls back to the shell / whitespace form. */
  | { kind: 'shell' };

/** Index just past the first JSON value starting at `start` (which is `[`), or -1 if it never closes. */
function endOfFirstValue(text: string, start: number): number {
  let depth = 0;
  for (let i = start; i < text.length; i++) {
    const ch = text[i];
    if (ch === '"') {
      for (i++; i < text.length && text[i] !== '"'; i++) if (text[i] === '\\') i++;
      if (i >= text.length) return -1;
    } else if (ch === '[' || ch === '{') depth++;
    else if (ch === ']' || ch === '}') {
      depth--;
      if (depth === 0) return i + 1;
    }
  }
  return -1;
}

export function parseJsonArgs(args: string): JsonArgs {
  const start = goLeadingSpace(args);
  if (args[start] !== '[') return { kind: 'shell' };
  const end = endOfFirstValue(args, start);
  if (end < 0) return { kind: 'shell' };
  let value: unknown;
  try {
    value = JSON.parse(args.slice(start, end));
  } catch {
    return { kind: 'shell' };
  }
  if (!Array.isArray(value)) return { kind: 'shell' };
  if (!value.every((item): item is string => typeof item === 'string')) return { kind: 'not-strings' };
  return { kind: 'json', values: value };
}
