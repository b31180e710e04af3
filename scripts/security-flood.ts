/**
 * The flood from issue 10, measured against a running server (loopback only):
 * 70 fresh sessions from one address each queue 3 builds, then a learner on
 * another address builds; and 30 wrong instructor logins, each with a forged
 * X-Real-IP, then the right password from another address. Prints what each
 * side got. Usage: npx tsx scripts/security-flood.ts http://localhost:3177 [password]
 */
import { Client, send } from '../e2e/from-address';

const base = process.argv[2] ?? 'http://localhost:3000';
const password = process.argv[3] ?? process.env.LAYERLAB_INSTRUCTOR_PASSWORD ?? 'e2e-instructor-password';
const files = (dockerfile: string) => [{ path: 'Dockerfile', content: dockerfile }];

async function main() {
  const started = Date.now();
  const statuses = new Map<number, number>();
  const accepted: { c: Client; id: string }[] = [];
  let sessions = 0;
  for (let s = 0; s < 70; s++) {
    const c = new Client(base, '127.0.0.40');
    if ((await c.request('GET', '/api/health')).status !== 200 || !c.cookie) continue;
    sessions++;
    for (let k = 0; k < 3; k++) {
      const res = await c.request('POST', '/api/builds', {
        body: { files: files('FROM busybox:latest\nRUN sleep 20\n'), tag: `flood-${k}`, noCache: true },
      });
      statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
      if (res.status === 202) accepted.push({ c, id: res.json().id });
    }
  }
  console.log(
    `flood: ${sessions}/70 sessions, build answers ${JSON.stringify(Object.fromEntries(statuses))} in ${Date.now() - started} ms`,
  );
  const other = new Client(base, '127.0.0.41');
  await other.request('GET', '/api/health');
  const t = Date.now();
  const res = await other.request('POST', '/api/builds', { body: { files: files('FROM busybox:latest\nRUN echo other\n'), tag: 'other' } });
  if (res.status === 202) {
    const events = (await other.request('GET', `/api/builds/${res.json().id}/events`)).text;
    const positions = [...events.matchAll(/"position":(\d+)/g)].map((m) => Number(m[1]));
    console.log(`other learner: 202, done after ${Date.now() - t} ms, queue positions ${JSON.stringify(positions)}`);
  } else console.log(`other learner: ${res.status} ${res.json().message} (Retry-After: ${res.headers['retry-after'] ?? 'none'})`);
  for (const { c, id } of accepted) await c.request('DELETE', `/api/builds/${id}`, { headers: { origin: base } });

  const logins: number[] = [];
  for (let i = 0; i < 30; i++) {
    const ip = `198.51.100.${i}`;
    const r = await send(base, '127.0.0.42', 'POST', '/api/instructor/login', {
      body: { password: 'wrong password!' },
      headers: { 'x-real-ip': ip, 'x-forwarded-for': ip },
    });
    logins.push(r.status);
  }
  const real = await send(base, '127.0.0.43', 'POST', '/api/instructor/login', { body: { password } });
  console.log(
    `login flood: ${logins.filter((s) => s === 401).length}×401 ${logins.filter((s) => s === 429).length}×429; real instructor then: ${real.status}`,
  );
}

void main();
