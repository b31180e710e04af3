import 'server-only';
import { lintDockerfile } from '@/lib/lint';
import type { Check } from '../schema';
import { readInstructions, type CheckedInstruction } from './instructions';
import { matches, quote } from './match-text';
import { result, type CheckResult } from './types';

/**
 * Pure evaluators for checks that only read the learner's files: the
 * Dockerfile's instructions and other files of the build context.
 */

export type StaticCheck = Extract<Check, { kind: 'instruction' | 'instruction-count' | 'instruction-order' | 'context-file' | 'lint-clean' }>;
export const STATIC_KINDS = ['instruction', 'instruction-count', 'instruction-order', 'context-file', 'lint-clean'] as const;

export function isStaticCheck(c: Check): c is StaticCheck {
  return (STATIC_KINDS as readonly string[]).includes(c.kind);
}

type Selector = { instruction: string; matches?: string };

function describe(sel: Selector) {
  return sel.matches ? `${sel.instruction} matching /${sel.matches}/` : sel.instruction;
}

function select(all: CheckedInstruction[], sel: Selector) {
  return all.filter((i) => i.keyword === sel.instruction && (sel.matches === undefined || matches(sel.matches, i.text)));
}

function inStage(all: CheckedInstruction[], stage: 'any' | 'final') {
  if (stage === 'any') return all;
  const last = Math.max(0, ...all.map((i) => i.stage));
  return all.filter((i) => i.stage === last);
}

const where = (stage: 'any' | 'final') => (stage === 'final' ? ' in the final stage' : '');
const lineOf = (i: CheckedInstruction) => `line ${i.line}: ${i.keyword} ${quote(i.text)}`;

export function evaluateStaticCheck(check: StaticCheck, files: { path: string; content: string }[]): CheckResult {
  if (check.kind === 'context-file') return contextFile(check, files);
  const dockerfile = files.find((f) => f.path === 'Dockerfile');
  if (!dockerfile) return result(check, false, 'There is no Dockerfile in the build context.');
  if (check.kind === 'lint-clean') return lintClean(check, dockerfile.content);
  const all = inStage(readInstructions(dockerfile.content), check.stage);

  switch (check.kind) {
    case 'instruction': {
      const found = select(all, check);
      if (check.present) {
        if (found.length) return result(check, true, `Found on ${lineOf(found[0])}.`);
        const same = all.filter((i) => i.keyword === check.instruction);
        return result(
          check,
          false,
          same.length
            ? `No ${describe(check)}${where(check.stage)}; found ${lineOf(same[0])}.`
            : `No ${check.instruction} instruction${where(check.stage)}.`,
        );
      }
      return found.length
        ? result(check, false, `Remove or change ${lineOf(found[0])}.`)
        : result(check, true);
    }
    case 'instruction-count': {
      const n = select(all, check).length;
      const ok = (check.min === undefined || n >= check.min) && (check.max === undefined || n <= check.max);
      const bounds = [check.min !== undefined && `at least ${check.min}`, check.max !== undefined && `at most ${check.max}`]
        .filter(Boolean)
        .join(' and ');
      return result(check, ok, `${n} ${describe(check)}${where(check.stage)} (expected ${bounds}).`);
    }
    case 'instruction-order': {
      const a = select(all, check.first)[0];
      const b = select(all, check.then)[0];
      if (!a) return result(check, false, `No ${describe(check.first)}${where(check.stage)}.`);
      if (!b) return result(check, false, `No ${describe(check.then)}${where(check.stage)}.`);
      return a.line < b.line
        ? result(check, true, `${check.first.instruction} on line ${a.line} comes before ${check.then.instruction} on line ${b.line}.`)
        : result(check, false, `${lineOf(a)} should come before ${lineOf(b)}.`);
    }
  }
}

function contextFile(check: Extract<Check, { kind: 'context-file' }>, files: { path: string; content: string }[]): CheckResult {
  const file = files.find((f) => f.path === check.path);
  if (!check.present) return file ? result(check, false, `Remove ${check.path} from the build context.`) : result(check, true);
  if (!file) return result(check, false, `There is no ${check.path} in the build context.`);
  if (check.matches !== undefined && !matches(check.matches, file.content, 'm')) {
    // The hint says what to write; the message says what is there now.
    const lines = file.content.split('\n').map((l) => l.trim()).filter((l) => l && !l.startsWith('#'));
    const now = lines.length ? `its lines are ${lines.slice(0, 6).map((l) => quote(l, 40)).join(', ')}${lines.length > 6 ? ', …' : ''}` : 'it has no patterns yet, only comments';
    return result(check, false, `${check.path} is not there yet: ${now}.`);
  }
  return result(check, true);
}

function lintClean(check: Extract<Check, { kind: 'lint-clean' }>, dockerfile: string): CheckResult {
  const found = lintDockerfile(dockerfile).filter((d) => check.rules.includes(d.ruleId));
  if (found.length === 0) return result(check, true);
  const [first] = found;
  const more = found.length > 1 ? ` (and ${found.length - 1} more)` : '';
  return result(check, false, `line ${first.line}: ${first.message}${more}`);
}
