import 'server-only';

/**
 * Patterns come from lesson authors (validated by the schema, nested
 * quantifiers refused); the text they run against comes from learners. Capping
 * the text bounds the work any pattern can do, whatever it looks like.
 */
export const MAX_MATCHED_TEXT = 64 * 1024;

const compiled = new Map<string, RegExp>();

export function matches(pattern: string, text: string, flags = ''): boolean {
  const key = `${flags}/${pattern}`;
  let re = compiled.get(key);
  if (!re) {
    re = new RegExp(pattern, flags);
    compiled.set(key, re);
  }
  re.lastIndex = 0;
  return re.test(text.slice(0, MAX_MATCHED_TEXT));
}

/** Keeps learner text short enough to quote in a result message. */
export function quote(text: string, max = 80): string {
  const t = text.replace(/\s+/g, ' ').trim();
  return `\`${t.length > max ? `${t.slice(0, max - 1)}…` : t}\``;
}
