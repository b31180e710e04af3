/**
 * Dockerfiles have comments only on lines of their own. A `#` after an
 * instruction is part of its arguments: `USER app # note` sets the user to
 * `app # note`, and `CMD ["python", "app.py"] # note` is no longer JSON, so it
 * runs through a shell as one odd command.
 */
import type { RuleDef, Finding } from '../rule';

/** Instructions whose shell form hands the text to /bin/sh, where a `#` does start a comment. */
const SHELL_RUN = new Set(['RUN', 'CMD', 'ENTRYPOINT', 'HEALTHCHECK', 'ONBUILD']);

/** Where a `#` after a space starts outside quotes, or -1. */
export function endOfLineCommentAt(args: string): number {
  let quote: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const c = args[i];
    if (quote) {
      if (c === '\\') i++;
      else if (c === quote) quote = undefined;
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '#' && (i === 0 || /\s/.test(args[i - 1]))) return i;
  }
  return -1;
}

export const endOfLineComment: RuleDef = {
  id: 'end-of-line-comment',
  title: 'A # after an instruction is not a comment',
  severity: 'warning',
  check(ctx) {
    const out: Finding[] = [];
    for (const instruction of ctx.instructions) {
      if (instruction.heredocs.length) continue;
      const at = endOfLineCommentAt(instruction.args);
      if (at < 0) continue;
      const before = instruction.args.slice(0, at).trim();
      // In shell form the shell does treat it as a comment; only an intended JSON list breaks.
      if (SHELL_RUN.has(instruction.keyword) && !before.startsWith('[') && !/\[\s*"/.test(before)) continue;
      out.push({
        line: instruction.line,
        ...(instruction.endLine > instruction.line && { endLine: instruction.endLine }),
        message: `Dockerfiles have no end-of-line comments: "${instruction.args.slice(at).trim().slice(0, 40)}" is part of the ${instruction.keyword} arguments. Put the comment on its own line above.`,
      });
    }
    return out;
  },
};
