/**
 * BuildKit's DetectSyntax, which decides whether the engine hands the build to
 * another frontend image (and pulls it). It is more generous than the
 * Dockerfile parser's directive block: it skips a BOM and a leading `#!`
 * line, and also reads `// syntax=…` lines and a JSON `{"syntax": "…"}`
 * file. Anything it finds must be checked, even where the parser sees a
 * plain comment.
 */

export type SyntaxDirective = { value: string; line: number };

const DIRECTIVE = /^([a-zA-Z][a-zA-Z0-9]*)[\t\n\v\f\r ]*=[\t\n\v\f\r ]*(.+?)[\t\n\v\f\r ]*$/;
// The directives BuildKit's directive parser knows; any other key ends the block.
const KNOWN = new Set(['syntax', 'escape', 'check']);

function fromPrefix(lines: string[], firstLine: number, prefix: string): SyntaxDirective | undefined {
  const seen = new Set<string>();
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].replace(/\r$/, '');
    if (!line.startsWith(prefix)) return undefined;
    const match = DIRECTIVE.exec(line.slice(prefix.length).replace(/^\s+/u, ''));
    if (!match) return undefined;
    const key = match[1].toLowerCase();
    if (!KNOWN.has(key) || seen.has(key)) return undefined;
    seen.add(key);
    if (key === 'syntax') return { value: match[2], line: firstLine + i };
  }
  return undefined;
}

export function detectSyntax(text: string): SyntaxDirective | undefined {
  let body = text.startsWith('\uFEFF') ? text.slice(1) : text;
  let firstLine = 1;
  const newline = body.indexOf('\n');
  if (body.startsWith('#!')) {
    body = newline < 0 ? '' : body.slice(newline + 1);
    firstLine = 2;
  }
  const lines = body.split('\n');
  const found = fromPrefix(lines, firstLine, '#') ?? fromPrefix(lines, firstLine, '//');
  if (found) return found;
  try {
    const json: unknown = JSON.parse(body);
    if (json && typeof json === 'object' && typeof (json as Record<string, unknown>).syntax === 'string') {
      return { value: (json as Record<string, string>).syntax, line: firstLine };
    }
  } catch {
    // not JSON: no directive
  }
  return undefined;
}

/** `docker/dockerfile:1`, `:1.7`, `:1.7.1` (optionally with docker.io/): the built-in frontend covers these. */
export function isBuiltinSyntax(value: string): boolean {
  const ref = value.split(/\s/)[0];
  return /^(docker\.io\/)?docker\/dockerfile:1(\.[0-9]+){0,2}$/.test(ref);
}
