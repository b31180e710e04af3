import { beforeAll, describe, expect, it } from 'vitest';

process.env.LAYERLAB_INSTRUCTOR_PASSWORD = 'classroom test password';
process.env.LAYERLAB_SECRET = 'test-secret-test-secret-test-secret-0123';

const { openDatabase, useDatabase } = await import('../db/database');
const { recordCheckResult } = await import('../db/check-results');
const { markLessonDone, saveWorkspace } = await import('../db/workspaces');
const { insertJob, markFinished, markRunning } = await import('../jobs/store');
const { submitBuild } = await import('../jobs/submit-build');
const { AppError } = await import('../errors');
const { POST: join } = await import('@/app/api/join/route');
const { GET: me } = await import('@/app/api/me/route');
const classes = await import('@/app/api/classes/route');
const classRoute = await import('@/app/api/classes/[id]/route');
const { GET: exportCsv } = await import('@/app/api/classes/[id]/export/route');
const { GET: events } = await import('@/app/api/classes/[id]/events/route');
const { GET: heatmap } = await import('@/app/api/classes/[id]/heatmap/route');
const learnerRoute = await import('@/app/api/classes/[id]/learners/[learner]/route');
const { POST: reset } = await import('@/app/api/classes/[id]/learners/[learner]/reset/route');
const { ctx, learnerCookie, request, signIn } = await import('../auth/test-requests');

/**
 * Classes end to end at the route level, against a real (in-memory) SQLite
 * database: join by code, the learner's view of their class, paused builds,
 * the grid and its CSV, a learner's attempts, reset, the heatmap, the live stream.
 */

const LESSON = 'building-your-first-docker-image';
const ada = 'ada0'.repeat(6);
const bo = 'b0b0'.repeat(6);
const eve = 'e0e0'.repeat(6); // in no class
let instructor: { cookie: string; csrf: string };
let cls: { id: string; code: string; name: string };

const asInstructor = () => instructor;
const dockerfile = (extra = '') => `FROM python:3.13-slim\nWORKDIR /app\nCOPY . .\n${extra}CMD ["python", "app.py"]\n`;

function finishedBuild(learner: string, content: string, state: 'succeeded' | 'failed', error?: string) {
  const id = `b_${Math.random().toString(36).slice(2, 14).padEnd(12, '0')}`;
  insertJob({
    id,
    learner,
    kind: 'build',
    tag: 'my-image',
    ref: `layerlab-${learner}/my-image:latest`,
    lesson: LESSON,
    spec: { files: [{ path: 'Dockerfile', content }], tag: 'my-image' },
  });
  markRunning(id);
  markFinished(id, { type: 'done', state, durationMs: 1200, ...(error && { error: { code: 'build_failed', message: error, line: 2 } }) });
  return id;
}

beforeAll(async () => {
  useDatabase(openDatabase(':memory:'));
  instructor = await signIn('classroom test password');
  const res = await classes.POST(request('POST', '/api/classes', { name: 'Docker 101, "Tuesday"' }, asInstructor()));
  expect(res.status).toBe(201);
  cls = await res.json();
});

describe('joining a class', () => {
  it('gives a short code; a learner joins with a display name, keeping their session', async () => {
    expect(cls.code).toMatch(/^[A-HJ-NP-Z2-9]{6}$/);
    const before = await (await me(request('GET', '/api/me', undefined, { cookie: learnerCookie(ada) }))).json();
    expect(before).toEqual({ buildsPaused: false });

    // Codes are forgiving: lower case, spaces and dashes are fine.
    const typed = `${cls.code.slice(0, 3).toLowerCase()}-${cls.code.slice(3)}`;
    const res = await join(request('POST', '/api/join', { code: typed, displayName: 'Ada' }, { cookie: learnerCookie(ada) }));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ class: { id: cls.id, name: cls.name }, displayName: 'Ada' });
    await join(request('POST', '/api/join', { code: cls.code, displayName: '=Bo' }, { cookie: learnerCookie(bo) }));

    const after = await (await me(request('GET', '/api/me', undefined, { cookie: learnerCookie(ada) }))).json();
    expect(after).toEqual({ class: { id: cls.id, name: cls.name, displayName: 'Ada' }, buildsPaused: false });
  });

  it('refuses an unknown code (404), a bad code (400), no session (401) and another site (403)', async () => {
    const unknown = await join(request('POST', '/api/join', { code: 'ZZZZZZ', displayName: 'X' }, { cookie: learnerCookie(eve) }));
    expect(unknown.status).toBe(cls.code === 'ZZZZZZ' ? 200 : 404);
    const bad = await join(request('POST', '/api/join', { code: 'O0O0', displayName: 'X' }, { cookie: learnerCookie(eve) }));
    expect(bad.status).toBe(400);
    expect((await join(request('POST', '/api/join', { code: cls.code, displayName: 'X' }))).status).toBe(401);
    const forged = await join(
      request('POST', '/api/join', { code: cls.code, displayName: 'X' }, { cookie: learnerCookie(eve), origin: 'https://evil.example' }),
    );
    expect(forged.status).toBe(403);
  });
});

describe('class settings', () => {
  it("pausing builds refuses a member's build with 423 and the reason, before the engine is asked", async () => {
    const patch = await classRoute.PATCH(
      request('PATCH', `/api/classes/${cls.id}`, { buildsPaused: true, pauseReason: 'eyes on the projector' }, asInstructor()),
      ctx({ id: cls.id }),
    );
    expect(patch.status).toBe(200);
    const err = await submitBuild(ada, { files: [{ path: 'Dockerfile', content: dockerfile() }], tag: 'x' }).catch((e) => e);
    expect(err).toBeInstanceOf(AppError);
    expect(err.code).toBe('builds_paused');
    expect(err.status).toBe(423);
    expect(err.message).toContain('eyes on the projector');
    const view = await (await me(request('GET', '/api/me', undefined, { cookie: learnerCookie(ada) }))).json();
    expect(view).toMatchObject({ buildsPaused: true, reason: 'Your instructor paused builds: eyes on the projector' });
    await classRoute.PATCH(
      request('PATCH', `/api/classes/${cls.id}`, { buildsPaused: false, pauseReason: null }, asInstructor()),
      ctx({ id: cls.id }),
    );
  });

  it('a full class build limit refuses with 429; visible lessons narrow the grid', async () => {
    await classRoute.PATCH(request('PATCH', `/api/classes/${cls.id}`, { maxConcurrentBuilds: 1 }, asInstructor()), ctx({ id: cls.id }));
    insertJob({ id: 'b_runningrunn', learner: bo, kind: 'build', tag: 't', ref: 'r', spec: {} });
    const err = await submitBuild(ada, { files: [{ path: 'Dockerfile', content: dockerfile() }], tag: 'x' }).catch((e) => e);
    expect(err.code).toBe('too_many_jobs');
    expect(err.message).toContain('1 build at once');
    markFinished('b_runningrunn', { type: 'done', state: 'cancelled', durationMs: 0 });
    await classRoute.PATCH(
      request('PATCH', `/api/classes/${cls.id}`, { maxConcurrentBuilds: null, visibleLessons: [LESSON] }, asInstructor()),
      ctx({ id: cls.id }),
    );
    const body = await (
      await classRoute.GET(request('GET', `/api/classes/${cls.id}`, undefined, asInstructor()), ctx({ id: cls.id }))
    ).json();
    expect(body.class).toMatchObject({ visibleLessons: [LESSON], buildsPaused: false });
    expect(body.class.maxConcurrentBuilds).toBeUndefined();
    expect(body.grid.lessons.map((l: { slug: string }) => l.slug)).toEqual([LESSON]);
  });
});

describe('dashboard', () => {
  let first: string;
  let second: string;

  it("grid: not started, in progress, checks failed, done, and each learner's last build", async () => {
    first = finishedBuild(ada, dockerfile(), 'failed', 'COPY failed: file not found');
    second = finishedBuild(ada, dockerfile('RUN pip install -r requirements.txt\n'), 'succeeded');
    recordCheckResult({
      learner: ada,
      lesson: LESSON,
      buildId: second,
      allPassed: false,
      results: [
        { id: 'from-python', title: 'Starts FROM python', passed: true },
        { id: 'cmd-exec', title: 'CMD in exec form', passed: false },
      ],
    });
    let grid = (
      await (await classRoute.GET(request('GET', `/api/classes/${cls.id}`, undefined, asInstructor()), ctx({ id: cls.id }))).json()
    ).grid;
    const row = (name: string) => grid.learners.find((r: { displayName: string }) => r.displayName === name);
    expect(row('Ada').cells[LESSON].state).toBe('checks_failed');
    expect(row('Ada').lastBuild).toMatchObject({ id: second, state: 'succeeded' });
    expect(row('=Bo').cells[LESSON].state).toBe('not_started');

    saveWorkspace(bo, LESSON, { files: [{ path: 'Dockerfile', content: 'FROM busybox\n' }], tag: 'x' });
    markLessonDone(ada, LESSON);
    grid = (await (await classRoute.GET(request('GET', `/api/classes/${cls.id}`, undefined, asInstructor()), ctx({ id: cls.id }))).json())
      .grid;
    expect(row('Ada').cells[LESSON].state).toBe('done');
    expect(row('=Bo').cells[LESSON].state).toBe('in_progress');
  });

  it('exports progress as CSV, quoting commas and defusing formulas', async () => {
    const res = await exportCsv(request('GET', `/api/classes/${cls.id}/export`, undefined, asInstructor()), ctx({ id: cls.id }));
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="Docker-101-Tuesday-progress.csv"');
    const lines = (await res.text()).trimEnd().split('\r\n');
    expect(lines[0]).toBe(`learner,joined,${LESSON},lessons done,last build,last build at`);
    expect(lines[1]).toMatch(new RegExp(`^'=Bo,\\d{4}-\\d\\d-\\d\\dT[\\d:.]+Z,in progress,0,cancelled,\\d{4}-[\\d:.T-]+Z$`));
    expect(lines[2]).toMatch(/^Ada,[^,]+,done,1,succeeded,\d{4}-/);
    expect(lines).toHaveLength(3);
  });

  it("shows a member's files, last log and attempts; never a learner outside the class", async () => {
    const url = (l: string) => `/api/classes/${cls.id}/learners/${l}?lesson=${LESSON}`;
    const res = await learnerRoute.GET(request('GET', url(ada), undefined, asInstructor()), ctx({ id: cls.id, learner: ada }));
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.displayName).toBe('Ada');
    expect(body.attempts.map((a: { id: string }) => a.id)).toEqual([first, second]);
    expect(body.attempts[0]).toMatchObject({ state: 'failed', error: 'COPY failed: file not found', errorLine: 2 });
    expect(body.attempts[1].dockerfile).toContain('RUN pip install');
    expect(body.files[0].content).toContain('RUN pip install'); // no saved workspace: the last build's files
    expect(body.lastBuild).toMatchObject({ id: second, state: 'succeeded' });
    expect(body.terminal).toEqual([]);

    const outsider = await learnerRoute.GET(request('GET', url(eve), undefined, asInstructor()), ctx({ id: cls.id, learner: eve }));
    expect(outsider.status).toBe(404);
  });

  it("shows a member's terminal command lines of that lesson, oldest first", async () => {
    const { recordTerminalCommand } = await import('../db/terminal-commands');
    recordTerminalCommand(ada, { line: 'docker history my-app', command: 'history', lesson: LESSON, exitCode: 0 });
    recordTerminalCommand(ada, { line: 'docker run -it my-app sh', command: 'run', lesson: LESSON });
    recordTerminalCommand(ada, { line: 'docker images', command: 'images', lesson: 'another-lesson', exitCode: 0 });
    recordTerminalCommand(eve, { line: 'docker ps', command: 'ps', lesson: LESSON, exitCode: 0 });
    const res = await learnerRoute.GET(
      request('GET', `/api/classes/${cls.id}/learners/${ada}?lesson=${LESSON}`, undefined, asInstructor()),
      ctx({ id: cls.id, learner: ada }),
    );
    const body = await res.json();
    expect(body.terminal.map((c: { line: string }) => c.line)).toEqual(['docker history my-app', 'docker run -it my-app sh']);
    expect(body.terminal[0]).toMatchObject({ exitCode: 0, createdAt: expect.any(Number) });
  });

  it('heatmap: failing checks and Dockerfile diagnostics per lesson', async () => {
    const res = await heatmap(request('GET', `/api/classes/${cls.id}/heatmap`, undefined, asInstructor()), ctx({ id: cls.id }));
    const map = await res.json();
    expect(map.learners).toBe(2);
    const lesson = map.lessons.find((l: { slug: string }) => l.slug === LESSON);
    expect(lesson.checks[0]).toMatchObject({ id: 'cmd-exec', learnersFailed: 1, stillFailing: 1, failures: 1 });
    expect(lesson.checks[1]).toMatchObject({ id: 'from-python', learnersFailed: 0 });
    expect(lesson.learnersBuilt).toBe(1);
    expect(Array.isArray(lesson.rules)).toBe(true);
    for (const r of lesson.rules) expect(r).toMatchObject({ ruleId: expect.any(String), learners: 1 });
    const ruleIds = lesson.rules.map((r: { ruleId: string }) => r.ruleId);
    expect(ruleIds).toContain('pip-no-cache-dir');
    // The Dockerfile has no USER, but lesson 1 switches the root tip off (coach.off), so it is no struggle to report.
    expect(ruleIds).not.toContain('avoid-root-user');
  });

  it('reset starts the lesson over for that learner only', async () => {
    const res = await reset(
      request('POST', `/api/classes/${cls.id}/learners/${ada}/reset`, { lesson: LESSON }, asInstructor()),
      ctx({ id: cls.id, learner: ada }),
    );
    expect(res.status).toBe(204);
    const grid = (
      await (await classRoute.GET(request('GET', `/api/classes/${cls.id}`, undefined, asInstructor()), ctx({ id: cls.id }))).json()
    ).grid;
    const ada_ = grid.learners.find((r: { learner: string }) => r.learner === ada);
    // The builds stay as history, so the lesson shows as started, no longer done.
    expect(ada_.cells[LESSON].state).toBe('in_progress');
    expect(grid.learners.find((r: { learner: string }) => r.learner === bo).cells[LESSON].state).toBe('in_progress');
  });

  it('streams the grid and build activity, live', async () => {
    const abort = new AbortController();
    const req = new Request(`http://localhost:3000/api/classes/${cls.id}/events`, {
      headers: { host: 'localhost:3000', cookie: instructor.cookie },
      signal: abort.signal,
    });
    const res = await events(req, ctx({ id: cls.id }));
    expect(res.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
    const reader = res.body!.getReader();
    let text = '';
    const readUntil = async (pattern: RegExp) => {
      const deadline = Date.now() + 10_000;
      while (!pattern.test(text) && Date.now() < deadline) text += new TextDecoder().decode((await reader.read()).value);
      return pattern.test(text);
    };
    expect(await readUntil(/event: grid\ndata: \{/)).toBe(true);
    expect(await readUntil(new RegExp(`event: activity\\ndata: .*"jobId":"${second}".*"kind":"succeeded"`))).toBe(true);
    text = '';
    markLessonDone(bo, LESSON);
    expect(await readUntil(/event: grid\ndata: .*"state":"done"/)).toBe(true);
    abort.abort();
    await reader.cancel();
  });
});
