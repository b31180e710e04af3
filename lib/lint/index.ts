/**
 * The Dockerfile coach: syntax diagnostics (what the engine would reject) and
 * best-practice rules, each with a docs page and, where simple, a quick fix.
 * Isomorphic and dependency-free so the editor can load it lazily; never
 * throws, whatever the input.
 */
import { catalogRefs } from '@/lib/image-catalog';
import { createContext } from './context';
import { docsPath, type RuleDef } from './rule';
import { practiceRules } from './rules';
import { checkSyntax, syntaxRuleMeta } from './syntax';
import type { Diagnostic, LintOptions, RuleMeta, Severity } from './types';

export type { Diagnostic, Fix, LineEdit, LintOptions, RuleMeta, Severity } from './types';
export { applyFix } from './fix';

export const rules: readonly RuleMeta[] = [...syntaxRuleMeta, ...practiceRules].map(({ id, title, severity }) => ({
  id,
  title,
  severity,
  docs: docsPath(id),
}));

const severityOf = new Map<string, Severity>(rules.map((rule) => [rule.id, rule.severity]));

export function findRule(id: string): RuleMeta | undefined {
  return rules.find((rule) => rule.id === id);
}

/** `rethrow` is for tests: a rule that crashes should fail them, not vanish. */
export function lintDockerfile(text: string, options: LintOptions & { rethrow?: boolean } = {}): Diagnostic[] {
  const resolved = { allowedBases: options.allowedBases ?? catalogRefs() };
  const diagnostics: Diagnostic[] = [];
  const guard = (what: () => void) => {
    try {
      what();
    } catch (err) {
      if (options.rethrow) throw err;
    }
  };
  let ctx: ReturnType<typeof createContext> | undefined;
  guard(() => {
    ctx = createContext(typeof text === 'string' ? text : '');
  });
  if (!ctx) return [];
  const context = ctx;
  guard(() => {
    for (const { ruleId, ...finding } of checkSyntax(context)) {
      diagnostics.push({ ruleId, severity: severityOf.get(ruleId) ?? 'error', ...finding });
    }
  });
  for (const rule of practiceRules as RuleDef[]) {
    guard(() => {
      for (const finding of rule.check(context, resolved)) diagnostics.push({ ruleId: rule.id, severity: rule.severity, ...finding });
    });
  }
  const skipped = checkSkips(context.lines);
  const off = new Set(options.off ?? []);
  return diagnostics
    .filter((d) => !skipped(d.ruleId) && !off.has(d.ruleId))
    .sort((a, b) => a.line - b.line || (a.column ?? 0) - (b.column ?? 0));
}

/**
 * Docker's `# check=skip=<Name>,<Name>` (or `skip=all`) directive in the leading comment block turns off
 * Docker's build checks by name, as `docker build` does; `all` covers Docker's checks (PascalCase ids) only.
 */
function checkSkips(lines: string[]): (ruleId: string) => boolean {
  const names = new Set<string>();
  for (const line of lines) {
    if (!line.startsWith('#')) break;
    const match = /^#\s*check\s*=\s*(.+?)\s*$/i.exec(line);
    if (!match) continue;
    for (const part of match[1].split(';')) {
      const [key, value = ''] = part.split('=');
      if (key.trim().toLowerCase() === 'skip') for (const name of value.split(',')) names.add(name.trim().toLowerCase());
    }
  }
  return (ruleId) => names.has(ruleId.toLowerCase()) || (names.has('all') && /^[A-Z]/.test(ruleId));
}
