import { afterAll, describe, expect, it } from 'vitest';
import { config } from '../config';
import { AppError } from '../errors';
import { docker } from '../sandbox/docker';
import { createShellSessions, type ShellEvent, type ShellSessions } from './shell-sessions';

/**
 * Terminal shells against the real sandbox engine (gVisor, no network): what
 * is typed comes back, an idle shell is stopped and removed, a learner has one
 * shell at a time, and there is no network inside.
 */

const learner = `shell${Date.now().toString(16)}`;
const open = (s: ShellSessions, who = learner, command = ['sh']) =>
  s.open(who, { image: 'busybox', ref: 'busybox:latest', command, env: {}, cols: 100, rows: 30 });

/** Resolves with the shell's output so far once `until` matches it (or the shell ends). */
function output(s: ShellSessions, who: string, until: (text: string, end?: ShellEvent) => boolean) {
  return new Promise<{ text: string; end?: ShellEvent & { type: 'end' } }>((resolve) => {
    let text = '';
    const stop = s.get(who)!.subscribe(0, (e) => {
      if (e.type === 'output') text += e.data;
      const end = e.type === 'end' ? e : undefined;
      if (until(text, end) || end) {
        queueMicrotask(() => stop());
        resolve({ text, end });
      }
    });
  });
}

const sessions = createShellSessions({ idleMs: 60_000, maxMs: 120_000 });

afterAll(async () => {
  await sessions.closeAll();
});

describe('terminal shells (real engine)', () => {
  it('echoes what is typed, through a real TTY that follows resizes', async () => {
    const info = await open(sessions);
    expect(info.image).toBe('busybox');
    const ready = output(sessions, learner, (t) => t.includes('hi-3'));
    sessions.get(learner)!.input('echo hi-$((1+2)); tty\r');
    const { text } = await ready;
    expect(text).toContain('hi-3');
    // A real TTY with the panel's size: the line discipline answers `stty size`, and a resize follows.
    const sized = output(sessions, learner, (t) => /\n30 100\r/.test(t));
    sessions.get(learner)!.input('stty size\r');
    expect((await sized).text).toMatch(/\n30 100\r/);
    sessions.get(learner)!.resize(120, 40);
    const resized = output(sessions, learner, (t) => /\n40 120\r/.test(t));
    sessions.get(learner)!.input('stty size\r');
    expect((await resized).text).toMatch(/\n40 120\r/);
  });

  it('allows one shell per learner', async () => {
    const second = await open(sessions).then(
      () => undefined,
      (e) => e,
    );
    expect(second).toBeInstanceOf(AppError);
    expect((second as AppError).message).toMatch(/already have a shell open in busybox[\s\S]*docker stop/);
  });

  it('has no network inside: only the loopback interface', async () => {
    const shown = output(sessions, learner, (t) => t.includes('\nNET-END'));
    sessions.get(learner)!.input('echo NET-BEGIN; cat /proc/net/dev; echo NET-END\r');
    const { text } = await shown;
    const table = text.slice(text.lastIndexOf('NET-BEGIN\r\n'), text.lastIndexOf('NET-END'));
    const interfaces = [...table.matchAll(/^\s*([\w-]+):/gm)].map((m) => m[1]);
    expect(interfaces).toEqual(['lo']);
  });

  it('ends on exit, removes the container and says writes went to the container', async () => {
    const id = (await docker().listContainers({ filters: { label: [`layerlab.learner=${learner}`, 'layerlab.kind=shell'] } }))[0]?.Id;
    expect(id).toBeTruthy();
    const ended = output(sessions, learner, () => false);
    sessions.get(learner)!.input('touch /made-here; exit 3\r');
    const { end } = await ended;
    expect(end?.exitCode).toBe(3);
    expect(end?.message).toMatch(/went to the container, not to the image busybox/);
    expect(sessions.live(learner)).toBeUndefined();
    const gone = await docker()
      .getContainer(id!)
      .inspect()
      .then(
        () => 'still there',
        (e: { statusCode?: number }) => e.statusCode,
      );
    expect(gone).toBe(404);
  });

  it('stops a shell nobody types in after the idle time', async () => {
    const quick = createShellSessions({ idleMs: 1500, maxMs: 60_000 });
    const who = `${learner}-idle`;
    await open(quick, who);
    const { end } = await output(quick, who, () => false);
    expect(end?.message).toMatch(/stopped: no key was pressed for 2 seconds/);
    expect(quick.live(who)).toBeUndefined();
  });

  it('stops a shell at its maximum lifetime', async () => {
    const short = createShellSessions({ idleMs: 60_000, maxMs: 2000 });
    const who = `${learner}-life`;
    await open(short, who);
    const { end } = await output(short, who, () => false);
    expect(end?.message).toMatch(/reached the limit of 2 seconds/);
  });

  it('contains a shell that forks without end: it never gets past the pids limit', async () => {
    const who = `${learner}-fork`;
    const want = config().limits.run.pids + 50;
    await open(sessions, who);
    const done = output(sessions, who, (t) => /STARTED-\d+/.test(t) || /can't fork/i.test(t));
    sessions.get(who)!.input(`i=0; while [ $i -lt ${want} ]; do sleep 30 & i=$((i+1)); done; echo STARTED-$i\r`);
    const { text, end } = await done;
    // Either the shell reports the failed fork, or it dies of it: never all the processes it asked for.
    expect(text).not.toContain(`STARTED-${want}`);
    expect(/can't fork/i.test(text) || end !== undefined).toBe(true);
    await sessions.close(who, 'test');
    // The engine is fine afterwards: a new shell of the same learner starts and answers.
    await open(sessions, who);
    const again = output(sessions, who, (t) => t.includes('ALIVE-3'));
    sessions.get(who)!.input('echo ALIVE-$((1+2))\r');
    expect((await again).text).toContain('ALIVE-3');
    await sessions.close(who, 'test');
  });

  it('slows down an output flood instead of passing it on at full speed, and Ctrl+C still reaches the shell', async () => {
    const who = `${learner}-flood`;
    await open(sessions, who);
    let bytes = 0;
    let first = 0;
    let last = 0;
    const enough = new Promise<void>((resolve) => {
      const stop = sessions.get(who)!.subscribe(0, (e) => {
        if (e.type !== 'output' || !e.data.includes('y')) return;
        first ||= Date.now();
        last = Date.now();
        bytes += e.data.length;
        if (bytes > 2 * 1024 * 1024) {
          queueMicrotask(() => stop());
          resolve();
        }
      });
    });
    // A producer much faster than the limit: `tr` writes a buffer at a time (2 MiB in ~0.3 s here with the
    // limit lifted). `yes` writes one 2-byte line per syscall, which under gVisor's ptrace platform on a
    // slow machine came out at ~20 KB/s, too slow to show any limit.
    sessions.get(who)!.input("tr '\\0' y < /dev/zero\r");
    await enough;
    // At most 512 KiB a second reach the learner: 2 MiB take well over two seconds.
    expect(last - first).toBeGreaterThan(2000);
    const back = output(sessions, who, (t) => t.includes('AFTER-42'));
    sessions.get(who)!.input('\x03');
    sessions.get(who)!.input('echo AFTER-$((6*7))\r');
    expect((await back).text).toContain('AFTER-42');
    await sessions.close(who, 'test');
  });

  it('runs the shell under gVisor with the run limits and no network', async () => {
    const who = `${learner}-limits`;
    await open(sessions, who);
    const [c] = await docker().listContainers({ filters: { label: [`layerlab.learner=${who}`, 'layerlab.kind=shell'] } });
    const info = await docker().getContainer(c.Id).inspect();
    const limits = config().limits.run;
    expect(info.HostConfig).toMatchObject({ NetworkMode: 'none', Memory: limits.memoryBytes, PidsLimit: limits.pids, CapDrop: ['ALL'] });
    if (config().engine.runtime !== 'runc') expect(info.HostConfig.Runtime).toBe('runsc');
    const kernel = output(sessions, who, (t) => /\nKERNEL=\S+/.test(t));
    sessions.get(who)!.input('echo KERNEL=$(uname -r)\r');
    // gVisor reports its own kernel version (4.4.0), not the host's.
    if (config().engine.runtime !== 'runc') expect((await kernel).text).toMatch(/\nKERNEL=4\.4\.0/);
    await sessions.close(who, 'test');
  });
});
