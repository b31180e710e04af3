/** pip keeps every downloaded wheel in ~/.cache/pip, which then ships in the image layer. */
import type { RuleDef, Finding } from '../rule';
import { findInstall } from '../installers';
import type { LineEdit } from '../types';

const CACHE_OFF = /^(--no-cache-dir|--no-cache)$/;

export const pipNoCacheDir: RuleDef = {
  id: 'pip-no-cache-dir',
  title: 'pip install without --no-cache-dir',
  severity: 'warning',
  check(ctx) {
    const out: Finding[] = [];
    for (const stage of ctx.stages) {
      let cacheOff = false;
      for (const instruction of stage.body) {
        if (instruction.keyword === 'ENV' && /\bPIP_NO_CACHE_DIR\b/.test(instruction.args)) cacheOff = true;
        if (instruction.keyword !== 'RUN' || cacheOff) continue;
        const { commands, base } = ctx.commands(instruction);
        const installs = commands
          .map(findInstall)
          .filter((install) => install?.tool === 'pip' && !install.words.some((w) => CACHE_OFF.test(w.text)));
        if (installs.length === 0) continue;
        let edits: LineEdit[] | undefined;
        if (base !== undefined) {
          edits = ctx.spanEdits(
            instruction,
            installs.map((install) => {
              const at = base + install!.words[install!.sub].end;
              return { start: at, end: at, text: ' --no-cache-dir' };
            }),
          );
        }
        out.push({
          line: instruction.line,
          ...(instruction.endLine > instruction.line && { endLine: instruction.endLine }),
          message: 'pip install keeps its download cache in the image. Add --no-cache-dir to keep the layer small.',
          ...(edits && { fix: { title: 'Add --no-cache-dir', edits } }),
        });
      }
    }
    return out;
  },
};
