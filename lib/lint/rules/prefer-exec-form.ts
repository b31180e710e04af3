/**
 * The shell form runs the command under `/bin/sh -c`: the program is not PID 1
 * and never gets SIGTERM, so `docker stop` waits 10 s and kills it.
 */
import type { RuleDef, Finding } from '../rule';

const SIMPLE_WORD = /^[A-Za-z0-9_./:=,@%+-]+$/;

export const preferExecForm: RuleDef = {
  id: 'prefer-exec-form',
  title: 'CMD or ENTRYPOINT in shell form',
  severity: 'warning',
  check(ctx) {
    const out: Finding[] = [];
    for (const instruction of ctx.instructions) {
      if (instruction.keyword !== 'CMD' && instruction.keyword !== 'ENTRYPOINT') continue;
      if (instruction.json.kind !== 'shell' || instruction.args === '' || instruction.args.startsWith('[')) continue;
      const words = instruction.args.split(/[\t ]+/);
      const simple = words.every((word) => SIMPLE_WORD.test(word));
      const json = `[${words.map((word) => JSON.stringify(word)).join(', ')}]`;
      const edits = simple
        ? ctx.spanEdits(instruction, [{ start: instruction.argsStart, end: instruction.argsStart + instruction.args.length, text: json }])
        : undefined;
      out.push({
        line: instruction.line,
        ...(instruction.endLine > instruction.line && { endLine: instruction.endLine }),
        message: `${instruction.keyword} in shell form runs under /bin/sh -c, so your program does not receive signals (docker stop waits, then kills it). Use the JSON form: ${instruction.keyword} ${simple ? json : '["program", "arg"]'}. (Docker's build check JSONArgsRecommended)`,
        ...(edits && { fix: { title: `Use ${instruction.keyword} ${json.length > 40 ? 'in JSON form' : json}`, edits } }),
      });
    }
    return out;
  },
};
