import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StoredEvent } from '@/lib/events';
import { openDatabase, useDatabase } from '../db/database';
import { terminalCommands } from '../db/terminal-commands';
import { subscribe } from '../jobs/job-log';
import { removeLearnerImages } from '../sandbox/remove-learner-images';
import { executeTerminalLine, type TerminalResult } from './execute';
import { shells } from './shell-sessions';

/**
 * The terminal's docker commands against the real engine: builds and runs go
 * through the job system, listings are CLI-shaped, and a learner sees and
 * removes only their own images and containers.
 */

const alice = `talice${Date.now().toString(16)}`;
const bob = `tbob${Date.now().toString(16)}`;
const files = [
  {
    path: 'Dockerfile',
    content:
      'FROM busybox:latest AS base\nARG GREETING=hello\nRUN echo "$GREETING" > /greeting\nFROM base AS final\nCMD ["cat", "/greeting"]\n',
  },
  { path: 'other.Dockerfile', content: 'FROM busybox:latest\nCMD ["echo", "from-other"]\n' },
];

async function jobOutput(r: TerminalResult) {
  expect(r.type).toBe('job');
  const out: StoredEvent[] = [];
  for await (const e of subscribe(r.type === 'job' ? r.id : '', 0, AbortSignal.timeout(120_000))) out.push(e);
  return { text: out.map((e) => (e.type === 'log' ? e.text : '')).join(''), done: out.at(-1) };
}
const run = (learner: string, line: string) => executeTerminalLine(learner, { line, files, lesson: 'building-your-first-docker-image' });
const text = (r: TerminalResult) => (r.type === 'output' ? r.text : '');

describe('terminal commands (real engine)', () => {
  beforeAll(async () => {
    useDatabase(openDatabase(':memory:'));
    const built = await jobOutput(await run(alice, 'docker build --build-arg GREETING=bonjour -t greeter .'));
    expect(built.done).toMatchObject({ type: 'done', state: 'succeeded' });
  });
  afterAll(async () => {
    await shells().closeAll();
    await removeLearnerImages([alice, bob]);
  });

  it('builds with --build-arg through the job system and runs the image', async () => {
    const ran = await jobOutput(await run(alice, 'docker run --rm greeter'));
    expect(ran.text).toBe('bonjour\n');
  });

  it('builds with -f, --target and --no-cache', async () => {
    const other = await jobOutput(await run(alice, 'docker build --no-cache -f other.Dockerfile -t other .'));
    expect(other.done).toMatchObject({ state: 'succeeded' });
    expect((await jobOutput(await run(alice, 'docker run other'))).text).toBe('from-other\n');
    const base = await jobOutput(await run(alice, 'docker build --target base -t base-only .'));
    expect(base.done).toMatchObject({ state: 'succeeded' });
    expect(text(await run(alice, "docker inspect -f '{{json .Config.Cmd}}' base-only"))).toBe('["sh"]');
  });

  it('runs with --entrypoint, --user, -w and -e', async () => {
    const shown = await jobOutput(await run(alice, 'docker run --entrypoint id -u 1234 -w /tmp greeter -u'));
    expect(shown.text).toBe('1234\n');
    const where = await jobOutput(await run(alice, 'docker run --entrypoint pwd -w /tmp greeter'));
    expect(where.text).toBe('/tmp\n');
    const env = await jobOutput(await run(alice, 'docker run -e X=42 --entrypoint env greeter'));
    expect(env.text).toMatch(/^X=42$/m);
  });

  it('lists the learner’s images like docker images, without the internal namespace', async () => {
    const table = text(await run(alice, 'docker images'));
    expect(table.split('\n')[0]).toMatch(/^REPOSITORY +TAG +IMAGE ID +CREATED +SIZE$/);
    expect(table).toMatch(/^greeter +latest +[0-9a-f]{12} +.+ ago +[\d.]+[kMG]?B$/m);
    expect(table).not.toContain('layerlab-');
    const json = text(await run(alice, "docker images --format '{{json .}}' greeter"))
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(json).toEqual([expect.objectContaining({ Repository: 'greeter', Tag: 'latest' })]);
    expect(text(await run(alice, 'docker images -q greeter'))).toMatch(/^[0-9a-f]{12}$/);
  });

  it('shows history and inspect of an own image', async () => {
    const history = text(await run(alice, 'docker history greeter'));
    expect(history.split('\n')[0]).toMatch(/^IMAGE +CREATED +CREATED BY +SIZE +COMMENT$/);
    expect(history).toMatch(/CMD \["cat" "\/greeting"\]/);
    const inspect = JSON.parse(text(await run(alice, 'docker inspect greeter')));
    expect(inspect[0].RepoTags).toEqual(['greeter:latest']);
    expect(JSON.stringify(inspect)).not.toContain('layerlab-');
    expect(inspect[0].GraphDriver.Data).toBeNull();
  });

  it("never shows or removes another learner's image", async () => {
    expect(text(await run(bob, 'docker images'))).not.toMatch(/greeter/);
    expect(await run(bob, 'docker history greeter')).toMatchObject({
      stream: 'stderr',
      text: 'Error response from daemon: No such image: greeter:latest',
    });
    expect(await run(bob, 'docker inspect greeter')).toMatchObject({ exitCode: 1, text: 'Error: No such object: greeter' });
    expect(await run(bob, 'docker rmi -f greeter')).toMatchObject({ exitCode: 1 });
    expect(text(await run(alice, 'docker images -q greeter'))).toMatch(/^[0-9a-f]{12}$/);
    expect(await run(bob, 'docker run --rm greeter')).toMatchObject({
      type: 'output',
      text: expect.stringMatching(/no image named "greeter"/),
    });
  });

  it("lists, stops and never reaches another learner's shell container", async () => {
    const opened = await run(alice, 'docker run -it --rm greeter sh');
    expect(opened).toMatchObject({ type: 'shell', image: 'greeter' });
    const ps = text(await run(alice, 'docker ps'));
    expect(ps.split('\n')[0]).toMatch(/^CONTAINER ID +IMAGE +COMMAND +CREATED +STATUS +PORTS +NAMES$/);
    expect(ps.split('\n')[1]).toMatch(/^[0-9a-f]{12} +greeter +"sh" +.+ ago +Up .+ \w+$/);
    const name = shells().live(alice)!.name;
    expect(text(await run(bob, 'docker ps'))).not.toContain(name);
    expect(await run(bob, `docker stop ${name}`)).toMatchObject({
      exitCode: 1,
      text: `Error response from daemon: No such container: ${name}`,
    });
    expect(shells().live(alice)).toBeDefined();
    expect(await run(alice, 'docker run -it greeter sh')).toMatchObject({
      type: 'output',
      text: expect.stringMatching(/already have a shell open/),
    });
    expect(await run(alice, `docker stop ${name}`)).toMatchObject({ exitCode: 0, text: name });
    expect(shells().live(alice)).toBeUndefined();
  });

  it('removes an own image and refuses a shared base image', async () => {
    expect(text(await run(alice, 'docker rmi other'))).toMatch(/^Untagged: other:latest/);
    expect(text(await run(alice, 'docker images'))).not.toMatch(/^other /m);
    expect(await run(alice, 'docker rmi busybox')).toMatchObject({ exitCode: 1, text: expect.stringMatching(/shared base image/) });
  });

  it('answers anything else with what is supported, and records every line', async () => {
    const r = await run(alice, 'cat /etc/passwd');
    expect(r).toMatchObject({ type: 'output', stream: 'stderr', exitCode: 127, text: expect.stringMatching(/docker commands only/) });
    const lines = terminalCommands(alice).map((c) => [c.line, c.command]);
    expect(lines.at(-1)).toEqual(['cat /etc/passwd', 'unsupported']);
    expect(lines[0]).toEqual(['docker build --build-arg GREETING=bonjour -t greeter .', 'build']);
    expect(terminalCommands(bob).every((c) => c.line.startsWith('docker'))).toBe(true);
  });
});
