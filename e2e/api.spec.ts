import { expect, request as playwrightRequest, test, type APIRequestContext } from '@playwright/test';

/**
 * The public HTTP API against the real server and sandbox engine: sessions,
 * validation errors that name the field, SSE replay and resume, cancellation,
 * and isolation between learners. No browser needed.
 */

type Event = { id: number; type: string; data: Record<string, unknown> };

function parseSse(body: string): Event[] {
  return body
    .split('\n\n')
    .map((block) => {
      const fields = Object.fromEntries(
        block
          .split('\n')
          .filter((l) => l && !l.startsWith(':'))
          .map((l) => [l.slice(0, l.indexOf(':')), l.slice(l.indexOf(':') + 1).trim()]),
      );
      return fields.id ? { id: Number(fields.id), type: fields.event, data: JSON.parse(fields.data) } : undefined;
    })
    .filter((e): e is Event => !!e);
}

async function learner(baseURL: string) {
  const ctx = await playwrightRequest.newContext({ baseURL });
  await ctx.get('/api/health'); // first contact issues the session cookie
  return ctx;
}

const files = (dockerfile: string) => [{ path: 'Dockerfile', content: dockerfile }];

async function build(ctx: APIRequestContext, dockerfile: string, tag = 'api-test') {
  const res = await ctx.post('/api/builds', { data: { files: files(dockerfile), tag } });
  expect(res.status(), await res.text()).toBe(202);
  return (await res.json()).id as string;
}

async function events(ctx: APIRequestContext, path: string, headers: Record<string, string> = {}) {
  const res = await ctx.get(path, { headers, timeout: 180_000 });
  expect(res.headers()['content-type']).toContain('text/event-stream');
  return parseSse(await res.text());
}

test.describe('HTTP API', () => {
  let alice: APIRequestContext;
  let bob: APIRequestContext;

  test.beforeAll(async ({ baseURL }) => {
    alice = await learner(baseURL!);
    bob = await learner(baseURL!);
  });

  test('issues a signed httpOnly session cookie', async ({ baseURL }) => {
    const ctx = await playwrightRequest.newContext({ baseURL });
    const res = await ctx.get('/api/health');
    expect(res.headers()['set-cookie']).toMatch(/layerlab_session=[a-f0-9]{24}\.[\w-]+;.*HttpOnly/i);
    const forged = await playwrightRequest.newContext({
      baseURL,
      extraHTTPHeaders: { cookie: 'layerlab_session=aaaaaaaaaaaaaaaaaaaaaaaa.forged' },
    });
    // A forged cookie is replaced by a fresh session, never accepted.
    expect((await forged.get('/api/health')).headers()['set-cookie']).toContain('layerlab_session=');
  });

  test('health reports the engine, runtime, queue and catalog images', async () => {
    const h = await (await alice.get('/api/health')).json();
    expect(h.ok).toBe(true);
    expect(h.engine).toMatchObject({ reachable: true, runtime: expect.stringMatching(/runsc|runc/) });
    // Under gVisor, a release whose statx lets `ls` work in Debian-based images (setup fetches one).
    if (h.engine.runtime === 'runsc') {
      expect(h.engine.gvisorRelease).toBeGreaterThanOrEqual(20240729);
      expect(h.engine.warning).toBeUndefined();
    }
    // Engine 26+; the local engine this suite starts runs in a network namespace with only lo.
    expect(Number(h.engine.version.split('.')[0])).toBeGreaterThanOrEqual(26);
    if (!process.env.E2E_BASE_URL) expect(h.engine.isolation).toMatchObject({ networkNamespace: true, interfaces: ['lo'] });
    expect(h.queue).toMatchObject({ running: expect.any(Number), queued: expect.any(Number) });
    expect(h.images.map((i: { ref: string }) => i.ref)).toEqual(
      expect.arrayContaining(['python:3.13-slim', 'node:22-slim', 'golang:1.24', 'nginx:1.26', 'debian:trixie-slim', 'busybox:latest']),
    );
    // Each present image says what it is: "stand-in built from Debian packages: Python 3.13.5" or the official digest.
    for (const i of h.images as { ref: string; present: boolean; note?: string }[]) if (i.present) expect(i.note, i.ref).toBeTruthy();
  });

  test('rejects bad input with a 400 that names the field', async () => {
    const cases: [unknown, RegExp][] = [
      [
        {
          files: [
            { path: '../etc/passwd', content: 'x' },
            { path: 'Dockerfile', content: 'FROM busybox' },
          ],
        },
        /files\[0\]\.path/,
      ],
      [
        {
          files: [
            { path: '/abs', content: 'x' },
            { path: 'Dockerfile', content: 'FROM busybox' },
          ],
        },
        /files\[0\]\.path/,
      ],
      [{ files: [{ path: 'app.py', content: 'x' }] }, /Dockerfile/],
      [{ files: files('FROM busybox'), tag: 'UPPER/Case' }, /tag/],
      [{ files: files('FROM busybox'), extra: 1 }, /extra|unrecognized/i],
      [{ files: [{ path: 'Dockerfile', content: 'x'.repeat(300 * 1024) }] }, /files\[0\]\.content|256/],
      [{ files: Array.from({ length: 65 }, (_, i) => ({ path: `f${i}`, content: '' })) }, /files|64/],
    ];
    for (const [body, field] of cases) {
      const res = await alice.post('/api/builds', { data: body });
      expect(res.status()).toBe(400);
      const json = await res.json();
      expect(json.error).toBe('invalid_request');
      expect(JSON.stringify(json)).toMatch(field);
    }
    const notJson = await alice.post('/api/builds', { data: Buffer.from('{nope'), headers: { 'content-type': 'application/json' } });
    expect(await notJson.json()).toMatchObject({ error: 'invalid_request', message: expect.stringMatching(/JSON/) });
  });

  test('refuses a remote ADD with 422 and the Dockerfile line', async () => {
    const res = await alice.post('/api/builds', {
      data: { files: files('FROM busybox:latest\nADD https://example.com/payload /p\n') },
    });
    expect(res.status()).toBe(422);
    expect(await res.json()).toMatchObject({ error: 'dockerfile_refused', issues: [expect.objectContaining({ line: 2 })] });
  });

  test('streams a build as SSE, replays it whole, and resumes after Last-Event-ID', async () => {
    const id = await build(alice, 'FROM busybox:latest\nRUN echo streamed-line\n', 'sse-test');
    const all = await events(alice, `/api/builds/${id}/events`);
    expect(all.map((e) => e.id)).toEqual(all.map((_, i) => i + 1));
    expect(all.at(-1)).toMatchObject({ type: 'done', data: { state: 'succeeded', tag: 'sse-test' } });
    expect(all.some((e) => e.type === 'log' && String(e.data.text).includes('streamed-line'))).toBe(true);

    const replay = await events(alice, `/api/builds/${id}/events`);
    expect(replay).toEqual(all);
    const resumed = await events(alice, `/api/builds/${id}/events`, { 'Last-Event-ID': String(all.length - 2) });
    expect(resumed.map((e) => e.id)).toEqual([all.length - 1, all.length]);

    const job = await (await alice.get(`/api/builds/${id}`)).json();
    expect(job).toMatchObject({ id, kind: 'build', state: 'succeeded', done: { state: 'succeeded' } });
  });

  test('runs an image and streams stdout and stderr apart with the exit code', async () => {
    await events(
      alice,
      `/api/builds/${await build(alice, 'FROM busybox:latest\nCMD ["sh","-c","echo out; echo err >&2; exit 4"]\n', 'runner')}/events`,
    );
    const res = await alice.post('/api/runs', { data: { image: 'runner' } });
    expect(res.status()).toBe(202);
    const { id } = await res.json();
    const evs = await events(alice, `/api/runs/${id}/events`);
    // stdout and stderr are separate pipes: their relative order is not guaranteed.
    const logs = evs.filter((e) => e.type === 'log').map((e) => `${e.data.stream}:${e.data.text}`);
    expect(logs.sort()).toEqual(['stderr:err\n', 'stdout:out\n']);
    expect(evs.at(-1)).toMatchObject({ type: 'done', data: { exitCode: 4 } });
  });

  test('cancels a running build', async () => {
    const id = await build(alice, 'FROM busybox:latest\nRUN sleep 60\n', 'cancel-me');
    await expect.poll(async () => (await (await alice.get(`/api/builds/${id}`)).json()).state, { timeout: 30_000 }).toBe('running');
    const del = await alice.delete(`/api/builds/${id}`);
    expect(del.status()).toBe(202);
    const evs = await events(alice, `/api/builds/${id}/events`);
    expect(evs.at(-1)).toMatchObject({ type: 'done', data: { state: 'cancelled' } });
  });

  test("keeps learners apart: another learner's jobs and images are 404", async () => {
    const id = await build(alice, 'FROM busybox:latest\nRUN echo private\n', 'private-image');
    await events(alice, `/api/builds/${id}/events`);
    for (const res of [
      await bob.get(`/api/builds/${id}`),
      await bob.get(`/api/builds/${id}/events`),
      await bob.delete(`/api/builds/${id}`),
      await bob.post('/api/runs', { data: { image: 'private-image' } }),
    ]) {
      expect(res.status()).toBe(404);
      expect((await res.json()).error).toBe('not_found');
    }
    const steal = await bob.post('/api/builds', { data: { files: files('FROM private-image\n') } });
    expect(steal.status()).toBe(422);
  });

  test('limits a learner to one running and two queued jobs', async () => {
    const ids: string[] = [];
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) {
      const res = await bob.post('/api/builds', { data: { files: files(`FROM busybox:latest\nRUN sleep 20 # ${i}\n`), tag: `q${i}` } });
      statuses.push(res.status());
      if (res.status() === 202) ids.push((await res.json()).id);
    }
    expect(statuses).toEqual([202, 202, 202, 429]);
    for (const id of ids) await bob.delete(`/api/builds/${id}`);
  });
});
