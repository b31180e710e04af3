/** A relative WORKDIR depends on every earlier WORKDIR (and the base image's): say where you mean. */
import type { RuleDef, Finding } from '../rule';

export const workdirAbsolute: RuleDef = {
  id: 'workdir-absolute',
  title: 'Relative WORKDIR',
  severity: 'warning',
  check(ctx) {
    const out: Finding[] = [];
    for (const instruction of ctx.instructions) {
      if (instruction.keyword !== 'WORKDIR') continue;
      const path = instruction.args.replace(/^["']/, '');
      // $VARS may expand to an absolute path; C:\ is Windows.
      if (path === '' || path.startsWith('/') || path.startsWith('$') || /^[A-Za-z]:[\\/]/.test(path)) continue;
      const edits = ctx.spanEdits(instruction, [{ start: instruction.argsStart, end: instruction.argsStart, text: '/' }]);
      out.push({
        line: instruction.line,
        message: `WORKDIR "${instruction.args}" is relative, so it depends on the WORKDIR before it. Use an absolute path such as /${instruction.args}. (Docker's build check WorkdirRelativePath)`,
        ...(edits && { fix: { title: `Use /${instruction.args}`, edits } }),
      });
    }
    return out;
  },
};
