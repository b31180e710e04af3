import type { Fix } from './types';

/**
 * Applies a fix's whole-line edits to the text, keeping its line endings
 * (CRLF stays CRLF) and a byte-order mark. Edits are applied bottom-up so
 * earlier line numbers stay valid; overlapping edits are skipped.
 */
export function applyFix(text: string, fix: Fix): string {
  const bom = text.startsWith('\uFEFF') ? '\uFEFF' : '';
  const body = bom ? text.slice(1) : text;
  const eol = body.includes('\r\n') ? '\r\n' : '\n';
  const lines = body.split('\n').map((line) => (line.endsWith('\r') ? line.slice(0, -1) : line));
  let floor = Infinity;
  for (const edit of [...fix.edits].sort((a, b) => b.line - a.line)) {
    const end = edit.endLine ?? edit.line;
    if (edit.line < 1 || end < edit.line || end > lines.length || end >= floor) continue;
    lines.splice(edit.line - 1, end - edit.line + 1, ...edit.newText.split('\n'));
    floor = edit.line;
  }
  return bom + lines.join(eol);
}
