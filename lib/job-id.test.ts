import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { buildIdSchema, JOB_ID_PREFIX, JOB_ID_RANDOM_BYTES, jobIdSchema } from './job-id';

const made = (prefix: string) => `${prefix}_${randomBytes(JOB_ID_RANDOM_BYTES).toString('base64url')}`;

describe('job ids', () => {
  it('accepts the ids the job system makes for builds and runs', () => {
    for (let i = 0; i < 50; i++) {
      expect(jobIdSchema.safeParse(made(JOB_ID_PREFIX.build)).success).toBe(true);
      expect(jobIdSchema.safeParse(made(JOB_ID_PREFIX.run)).success).toBe(true);
      expect(buildIdSchema.safeParse(made(JOB_ID_PREFIX.build)).success).toBe(true);
    }
  });

  it("refuses a run's id where a build's is wanted, other kinds, and wrong lengths or characters", () => {
    expect(buildIdSchema.safeParse(made(JOB_ID_PREFIX.run)).error?.issues[0].message).toBe('must be the id of one of your builds');
    expect(jobIdSchema.safeParse(made(JOB_ID_PREFIX.check)).success).toBe(false);
    expect(jobIdSchema.safeParse('b_short').success).toBe(false);
    expect(jobIdSchema.safeParse('b_abcdefghijklm').success).toBe(false);
    expect(jobIdSchema.safeParse('b_abc/efghijkl').success).toBe(false);
  });
});
