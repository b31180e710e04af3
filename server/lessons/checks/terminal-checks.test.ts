import { describe, expect, it } from 'vitest';
import { frontmatterSchema } from '../schema';
import { evaluateTerminalRan } from './terminal-checks';

const check = (extra: Record<string, unknown> = {}) => {
  const fm = frontmatterSchema.parse({
    title: 't',
    description: 'd',
    checks: [{ id: 'looked', title: 'You looked at the layers', hint: 'Type docker history IMAGE in the terminal', kind: 'terminal-ran', command: 'history', ...extra }],
  });
  const c = fm.checks[0];
  if (c.kind !== 'terminal-ran') throw new Error('wrong kind');
  return c;
};

describe('terminal-ran checks', () => {
  it('passes once the learner ran the command successfully', () => {
    expect(evaluateTerminalRan(check(), [{ line: 'docker history app', command: 'history', exitCode: 0 }]).passed).toBe(true);
  });

  it('fails for a failed attempt, another command, or a line not matching', () => {
    expect(evaluateTerminalRan(check(), [{ line: 'docker history nope', command: 'history', exitCode: 1 }]).passed).toBe(false);
    expect(evaluateTerminalRan(check(), [{ line: 'docker images', command: 'images', exitCode: 0 }])).toMatchObject({ passed: false, hint: expect.stringMatching(/docker history/) });
    const c = check({ lineMatches: '--no-trunc' });
    expect(evaluateTerminalRan(c, [{ line: 'docker history app', command: 'history', exitCode: 0 }]).passed).toBe(false);
    expect(evaluateTerminalRan(c, [{ line: 'docker history --no-trunc app', command: 'history', exitCode: 0 }]).passed).toBe(true);
  });

  it('refuses an unknown command in the frontmatter', () => {
    expect(() => check({ command: 'exec' })).toThrow();
  });
});
