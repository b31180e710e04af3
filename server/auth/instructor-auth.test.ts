import { beforeAll, beforeEach, describe, expect, it } from 'vitest';

// Before anything reads the configuration.
process.env.LAYERLAB_INSTRUCTOR_PASSWORD = 'correct horse battery';
process.env.LAYERLAB_SECRET = 'test-secret-test-secret-test-secret-0123';

const { openDatabase, useDatabase } = await import('../db/database');
const { POST: login } = await import('@/app/api/instructor/login/route');
const { POST: logout } = await import('@/app/api/instructor/logout/route');
const { GET: session } = await import('@/app/api/instructor/session/route');
const classes = await import('@/app/api/classes/route');
const classRoute = await import('@/app/api/classes/[id]/route');
const learnerRoute = await import('@/app/api/classes/[id]/learners/[learner]/route');
const { resetLoginLimits } = await import('./login');
const { ctx, learnerCookie, request, signIn } = await import('./test-requests');

/**
 * Instructor sign-in and the guard every instructor API shares, at the route
 * level against a real (in-memory) SQLite database.
 */

const PASSWORD = 'correct horse battery';
const learner = 'a1'.repeat(12);

beforeAll(() => useDatabase(openDatabase(':memory:')));
beforeEach(() => resetLoginLimits());

describe('instructor login', () => {
  it('signs in with the right password: httpOnly strict cookie and a CSRF token', async () => {
    const res = await login(request('POST', '/api/instructor/login', { password: PASSWORD }));
    expect(res.status).toBe(200);
    const cookie = res.headers.get('set-cookie')!;
    expect(cookie).toMatch(/^layerlab_instructor=\d+\.[\w-]+\.[\w-]+; Path=\/; Max-Age=43200; HttpOnly; SameSite=Strict$/);
    const body = await res.json();
    expect(body.csrfToken).toMatch(/^[\w-]{40,}$/);
    const me = await session(request('GET', '/api/instructor/session', undefined, { cookie: cookie.split(';')[0] }));
    expect(await me.json()).toMatchObject({ signedIn: true, csrfToken: body.csrfToken });
  });

  it('refuses a wrong password with 401 and sets no cookie', async () => {
    const res = await login(request('POST', '/api/instructor/login', { password: 'correct horse battery!' }));
    expect(res.status).toBe(401);
    expect(res.headers.get('set-cookie')).toBeNull();
    expect((await res.json()).error).toBe('unauthorized');
  });

  it('backs off an address after 5 wrong passwords (429 with Retry-After); other addresses unaffected', async () => {
    const attempt = (ip: string, password = 'nope nope nope') => login(request('POST', '/api/instructor/login', { password }, { ip }));
    for (let i = 0; i < 5; i++) expect((await attempt('192.0.2.7')).status).toBe(401);
    const limited = await attempt('192.0.2.7');
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await limited.json()).message).toMatch(/Try again in \d+ s/);
    // Even the right password waits out the backoff from that address.
    expect((await attempt('192.0.2.7', PASSWORD)).status).toBe(429);
    expect((await attempt('192.0.2.8', PASSWORD)).status).toBe(200);
  });

  it("the issue's scenario: 30 wrong logins a minute, each with another X-Real-IP, do not lock out the real instructor", async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 30; i++) {
      const spoof = { 'x-real-ip': `198.51.100.${i}`, 'x-forwarded-for': `198.51.100.${i}` };
      statuses.push((await login(request('POST', '/api/instructor/login', { password: 'x' }, { ip: '203.0.113.66', spoof }))).status);
    }
    // The headers were not believed: the attacker's own address is throttled after its free attempts…
    expect(statuses.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
    expect(statuses.slice(5).every((s) => s === 429)).toBe(true);
    // …and the instructor, from their own address, signs in with the right password.
    expect((await login(request('POST', '/api/instructor/login', { password: PASSWORD }, { ip: '192.0.2.44' }))).status).toBe(200);
  });

  it('refuses a sign-in posted from another site', async () => {
    const res = await login(request('POST', '/api/instructor/login', { password: PASSWORD }, { origin: 'https://evil.example' }));
    expect(res.status).toBe(403);
  });

  it('rejects a forged or expired session cookie', async () => {
    const { cookie } = await signIn(PASSWORD);
    const [name, value] = cookie.split('=');
    const [expires, nonce, sig] = value.split('.');
    const forged = `${name}=${Number(expires) + 1000}.${nonce}.${sig}`;
    expect((await classes.GET(request('GET', '/api/classes', undefined, { cookie: forged }))).status).toBe(401);
    expect((await classes.GET(request('GET', '/api/classes', undefined, { cookie }))).status).toBe(200);
  });
});

describe('instructor routes', () => {
  it('refuse a request without an instructor session', async () => {
    const res = await classes.GET(request('GET', '/api/classes'));
    expect(res.status).toBe(401);
    expect((await classes.POST(request('POST', '/api/classes', { name: 'x' }))).status).toBe(401);
  });

  it("refuse a learner's session: a learner cannot read the dashboard or another learner's work", async () => {
    const { cookie, csrf } = await signIn(PASSWORD);
    const created = await (await classes.POST(request('POST', '/api/classes', { name: 'Period 1' }, { cookie, csrf }))).json();
    const asLearner = { cookie: learnerCookie(learner) };
    expect((await classRoute.GET(request('GET', `/api/classes/${created.id}`, undefined, asLearner), ctx({ id: created.id }))).status).toBe(
      401,
    );
    const other = 'b2'.repeat(12);
    const res = await learnerRoute.GET(
      request('GET', `/api/classes/${created.id}/learners/${other}?lesson=building-your-first-docker-image`, undefined, asLearner),
      ctx({ id: created.id, learner: other }),
    );
    expect(res.status).toBe(401);
  });

  it('require the CSRF token and the same origin on state-changing requests', async () => {
    const { cookie, csrf } = await signIn(PASSWORD);
    expect((await classes.POST(request('POST', '/api/classes', { name: 'A' }, { cookie }))).status).toBe(403);
    expect((await classes.POST(request('POST', '/api/classes', { name: 'A' }, { cookie, csrf: csrf.slice(1) + 'x' }))).status).toBe(403);
    expect(
      (await classes.POST(request('POST', '/api/classes', { name: 'A' }, { cookie, csrf, origin: 'https://evil.example' }))).status,
    ).toBe(403);
    expect((await classes.POST(request('POST', '/api/classes', { name: 'A' }, { cookie, csrf }))).status).toBe(201);
  });

  it('sign out clears the cookie and ends the session server-side: a copy of the cookie no longer works', async () => {
    const { cookie, csrf } = await signIn(PASSWORD);
    const other = await signIn(PASSWORD);
    expect((await classes.GET(request('GET', '/api/classes', undefined, { cookie }))).status).toBe(200);
    const res = await logout(request('POST', '/api/instructor/logout', undefined, { cookie, csrf }));
    expect(res.status).toBe(204);
    expect(res.headers.get('set-cookie')).toMatch(/^layerlab_instructor=; Path=\/; Max-Age=0/);
    expect((await classes.GET(request('GET', '/api/classes', undefined, { cookie }))).status).toBe(401);
    expect(await (await session(request('GET', '/api/instructor/session', undefined, { cookie }))).json()).toEqual({ signedIn: false });
    // Another browser's session is its own.
    expect((await classes.GET(request('GET', '/api/classes', undefined, { cookie: other.cookie }))).status).toBe(200);
  });

  it('a cookie sent twice (cookie tossing) is read as no session', async () => {
    const { cookie } = await signIn(PASSWORD);
    const twice = `${cookie}; ${cookie}`;
    expect((await classes.GET(request('GET', '/api/classes', undefined, { cookie: twice }))).status).toBe(401);
  });

  it('X-Forwarded-Host from a client that is not a trusted proxy does not make a foreign origin look like ours', async () => {
    const { cookie, csrf } = await signIn(PASSWORD);
    const res = await classes.POST(
      request(
        'POST',
        '/api/classes',
        { name: 'X' },
        { cookie, csrf, origin: 'https://evil.example', spoof: { 'x-forwarded-host': 'evil.example' } },
      ),
    );
    expect(res.status).toBe(403);
  });
});
