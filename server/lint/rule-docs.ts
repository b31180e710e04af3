import 'server-only';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { findRule, type RuleMeta } from '@/lib/lint';

export type RuleDoc = Pick<RuleMeta, 'id' | 'title' | 'severity'> & { markdown: string };

/**
 * A coach rule's explanation page (docs/rules/<id>.md), for the editor to show
 * in-app. Only ids of known rules are looked up, so the path is never
 * learner-controlled.
 */
export async function ruleDoc(id: string): Promise<RuleDoc | undefined> {
  const rule = findRule(id);
  if (!rule) return undefined;
  const markdown = await readFile(path.resolve(/*turbopackIgnore: true*/ process.cwd(), rule.docs), 'utf8');
  return { id: rule.id, title: rule.title, severity: rule.severity, markdown };
}
