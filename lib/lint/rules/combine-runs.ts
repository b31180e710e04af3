/**
 * Every RUN adds a layer; two RUNs in a row can usually be one, which also
 * keeps `apt-get update` and `apt-get install` in the same cache entry.
 */
import type { Instruction } from '@/lib/dockerfile';
import type { LintContext } from '../context';
import type { Finding, RuleDef } from '../rule';
import type { Fix } from '../types';

function mergeFix(ctx: LintContext, first: Instruction, second: Instruction): Fix | undefined {
  const simple = (i: Instruction) => i.json.kind === 'shell' && i.heredocs.length === 0 && i.flags.length === 0;
  // A shell comment at the end of the first RUN would swallow the `&&`.
  if (!simple(first) || !simple(second) || ctx.commands(first).hasComment) return undefined;
  const lines: string[] = [];
  for (let n = first.line; n <= first.endLine; n++) lines.push(ctx.line(n));
  if (lines.at(-1)!.trimEnd().endsWith(ctx.parsed.escape)) return undefined;
  lines[lines.length - 1] = `${lines.at(-1)!.trimEnd()} && ${ctx.parsed.escape}`;
  for (let n = first.endLine + 1; n < second.line; n++) {
    if (ctx.line(n).trim().startsWith('#')) lines.push(ctx.line(n));
  }
  const head = ctx.line(second.line);
  const keyword = /^\s*\S+\s+/.exec(head);
  if (!keyword) return undefined;
  lines.push(`    ${head.slice(keyword[0].length)}`);
  for (let n = second.line + 1; n <= second.endLine; n++) lines.push(ctx.line(n));
  return { title: 'Merge into one RUN', edits: [{ line: first.line, endLine: second.endLine, newText: lines.join('\n') }] };
}

export const combineConsecutiveRuns: RuleDef = {
  id: 'combine-consecutive-runs',
  title: 'Consecutive RUN instructions',
  severity: 'info',
  check(ctx) {
    const out: Finding[] = [];
    for (const stage of ctx.stages) {
      for (let i = 1; i < stage.body.length; i++) {
        const [previous, current] = [stage.body[i - 1], stage.body[i]];
        if (previous.keyword !== 'RUN' || current.keyword !== 'RUN') continue;
        const fix = mergeFix(ctx, previous, current);
        out.push({
          line: current.line,
          ...(current.endLine > current.line && { endLine: current.endLine }),
          message: `This RUN follows the RUN on line ${previous.line}: each RUN adds a layer. Join the commands with && in one RUN.`,
          ...(fix && { fix }),
        });
      }
    }
    return out;
  },
};
