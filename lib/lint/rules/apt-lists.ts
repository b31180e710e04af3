/** apt-get update's package lists (~20-40 MB) stay in the layer unless removed in the same RUN. */
import type { RuleDef, Finding } from '../rule';
import { findInstall } from '../installers';

const CLEANUP = /\/var\/lib\/apt\/lists/;

export const aptListsNotRemoved: RuleDef = {
  id: 'apt-lists-not-removed',
  title: 'apt lists left in the image',
  severity: 'warning',
  check(ctx) {
    const out: Finding[] = [];
    for (const instruction of ctx.instructions) {
      if (instruction.keyword !== 'RUN') continue;
      const { commands, hasComment } = ctx.commands(instruction);
      if (!commands.some((command) => findInstall(command)?.tool === 'apt')) continue;
      if (commands.some((command) => command.some((word) => CLEANUP.test(word.text)))) continue;
      const last = ctx.line(instruction.endLine);
      const canFix =
        instruction.json.kind === 'shell' &&
        !hasComment &&
        instruction.heredocs.length === 0 &&
        !last.trimEnd().endsWith(ctx.parsed.escape);
      out.push({
        line: instruction.line,
        ...(instruction.endLine > instruction.line && { endLine: instruction.endLine }),
        message: 'apt-get install leaves the package lists in /var/lib/apt/lists. End this RUN with && rm -rf /var/lib/apt/lists/*',
        ...(canFix && {
          fix: {
            title: 'Remove the apt lists in the same RUN',
            edits: [{ line: instruction.endLine, newText: `${last.trimEnd()} && rm -rf /var/lib/apt/lists/*` }],
          },
        }),
      });
    }
    return out;
  },
};
