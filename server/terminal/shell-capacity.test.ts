import { describe, expect, it } from 'vitest';
import { shellRefusal, type ShellOwner } from './shell-capacity';

/** Terminal shells hold a container outside the job queue: fresh sessions must not be able to take them all. */

const caps = { max: 8, perAddress: 3, classShare: 0.75 };
const anon = (address: string): ShellOwner => ({ address, member: false });
const member: ShellOwner = { address: '203.0.113.9', member: true };

describe('shell capacity', () => {
  it('caps the shells anonymous learners from one address hold, whatever their number of sessions', () => {
    const live: ShellOwner[] = [];
    let refused: unknown;
    for (let s = 0; s < 60 && !refused; s++) {
      refused = shellRefusal(live, anon('203.0.113.9'), { ...caps, classShare: 0 });
      if (!refused) live.push(anon('203.0.113.9'));
    }
    expect(live).toHaveLength(3);
    expect(refused).toMatchObject({ code: 'too_many_jobs', retryAfterS: 60, message: expect.stringMatching(/Try again in 60 s/) });
    expect(shellRefusal(live, anon('192.0.2.1'), { ...caps, classShare: 0 })).toBeUndefined();
  });

  it('keeps shells for class members that anonymous learners on many addresses cannot take', () => {
    const live: ShellOwner[] = [];
    for (let s = 0; s < 60; s++) if (!shellRefusal(live, anon(`198.51.100.${s}`), caps)) live.push(anon(`198.51.100.${s}`));
    expect(live).toHaveLength(2); // 8 shells, 6 kept for the class
    expect(shellRefusal(live, anon('192.0.2.1'), caps)).toMatchObject({ code: 'server_busy' });
    for (let m = 0; m < 6; m++) {
      expect(shellRefusal(live, member, caps)).toBeUndefined();
      live.push(member);
    }
    expect(shellRefusal(live, member, caps)).toMatchObject({
      code: 'server_busy',
      message: expect.stringMatching(/All 8 terminal shells/),
    });
  });
});
