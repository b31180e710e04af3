/**
 * A second server on the same build serves the fixture course
 * (server/lessons/fixtures/course: one good lesson, broken ones) from its own
 * database, so its tests never touch the real course. With E2E_BASE_URL, set
 * E2E_FIXTURE_URL to such a server, or those tests skip.
 */
export const FIXTURE_PORT = 3101;
export const FIXTURE_COURSE_DIR = 'server/lessons/fixtures/course';
export const fixtureURL = process.env.E2E_BASE_URL ? process.env.E2E_FIXTURE_URL : `http://localhost:${FIXTURE_PORT}`;
