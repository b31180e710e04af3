/**
 * The final image's user is who the container runs as. Root inside a
 * container is root on the files it can reach; a plain user limits the damage.
 */
import { splitWords } from '@/lib/dockerfile';
import type { Instruction } from '@/lib/dockerfile';
import type { LintContext, Stage } from '../context';
import type { RuleDef } from '../rule';

const isRoot = (user: string) => /^(root|0)(:.*)?$/.test(user);

/** The last USER of a stage, following FROM <earlier stage> chains. */
function lastUser(ctx: LintContext, stage: Stage, depth = 0): Instruction | undefined {
  const own = stage.body.filter((i) => i.keyword === 'USER').at(-1);
  if (own || depth > ctx.stages.length) return own;
  const parent = ctx.stages.slice(0, stage.index).find((s) => s.name === stage.image.toLowerCase() || String(s.index) === stage.image);
  return parent ? lastUser(ctx, parent, depth + 1) : undefined;
}

export const avoidRootUser: RuleDef = {
  id: 'avoid-root-user',
  title: 'The container runs as root',
  severity: 'info',
  check(ctx) {
    const final = ctx.stages.at(-1);
    if (!final) return [];
    const user = lastUser(ctx, final);
    if (!user) {
      return [
        {
          line: final.from.line,
          message:
            'No USER in the final stage, so the container runs as root. Create a user (e.g. RUN useradd --create-home app) and switch to it with USER app.',
        },
      ];
    }
    const name = splitWords(user.args)[0]?.word ?? '';
    if (!isRoot(name)) return [];
    if (!final.body.includes(user)) {
      return [
        {
          line: final.from.line,
          message: `The final stage inherits USER ${name} from its stage, so the container runs as root. Switch to a plain user with USER.`,
        },
      ];
    }
    return [
      {
        line: user.line,
        message: `USER ${name} is the last USER of the final stage, so the container runs as root. Switch back to a plain user at the end.`,
      },
    ];
  },
};
