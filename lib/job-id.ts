import { z } from 'zod';

/**
 * The shape of a job id, in one place: a kind letter, an underscore and 9 random
 * bytes in base64url (12 characters). `server/jobs/job-system.ts` makes them
 * (`newJobId`); routes parse them with these schemas before looking a job up.
 */
export const JOB_ID_PREFIX = { build: 'b', run: 'r', check: 'c' } as const;
export const JOB_ID_RANDOM_BYTES = 9;

const random = `[A-Za-z0-9_-]{${(JOB_ID_RANDOM_BYTES * 4) / 3}}`;

/** A build's or a run's id (what `/api/builds/…` and `/api/runs/…` accept). */
export const jobIdSchema = z.string().regex(new RegExp(`^[${JOB_ID_PREFIX.build}${JOB_ID_PREFIX.run}]_${random}$`), 'must be a job id');

/** A build's id. */
export const buildIdSchema = z.string().regex(new RegExp(`^${JOB_ID_PREFIX.build}_${random}$`), 'must be the id of one of your builds');
