import { describe, expect, it } from 'vitest';
import { GET } from '@/app/api/rules/[id]/route';
import { rules } from '@/lib/lint';
import { ruleDoc } from './rule-docs';

const get = (id: string) => GET(new Request(`http://test/api/rules/${id}`), { params: Promise.resolve({ id }) });

describe('rule docs', () => {
  it('has a page for every rule, titled like the rule', async () => {
    for (const rule of rules) {
      const doc = await ruleDoc(rule.id);
      expect(doc).toMatchObject({ id: rule.id, title: rule.title, severity: rule.severity });
      expect(doc!.markdown).toContain(`# ${rule.title}`);
      expect(doc!.markdown).toContain(`\`${rule.id}\``);
    }
  });

  it('serves a page as JSON, also for an encoded syntax/ id', async () => {
    const res = await get('pip-no-cache-dir');
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({
      id: 'pip-no-cache-dir',
      severity: 'warning',
      markdown: expect.stringContaining('--no-cache-dir'),
    });
    expect(await (await get('LegacyKeyValueFormat')).json()).toMatchObject({ id: 'LegacyKeyValueFormat', severity: 'warning' });
    const encoded = await get(encodeURIComponent('syntax/unknown-instruction'));
    expect(await encoded.json()).toMatchObject({ id: 'syntax/unknown-instruction', severity: 'error' });
  });

  it('answers 404 for unknown rules and 400 for ids that cannot be rules (no path tricks)', async () => {
    expect((await get('no-such-rule')).status).toBe(404);
    expect((await get('README')).status).toBe(400);
    expect((await get(encodeURIComponent('../../package.json'))).status).toBe(400);
  });
});
