import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { lockDatabase, lockFileOf, runningServer, ServerLockedError } from './server-lock';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'layerlab-lock-'));
const dbPath = path.join(dir, 'layerlab.db');
const children: ReturnType<typeof spawn>[] = [];

afterEach(() => {
  for (const c of children.splice(0)) c.kill('SIGKILL');
  fs.rmSync(lockFileOf(dbPath), { force: true });
});

/** A live node process standing in for another server, titled as `next start` titles itself. */
async function otherNode() {
  const child = spawn(
    process.execPath,
    ['-e', "process.title = 'next-server (v16.4.6)'; console.log('ready'); setTimeout(() => {}, 60000)"],
    {
      stdio: ['ignore', 'pipe', 'ignore'],
    },
  );
  await new Promise((resolve) => child.stdout!.once('data', resolve));
  children.push(child);
  return child.pid!;
}

describe('one server per database', () => {
  it('refuses while another live server holds the database, naming its pid and port', async () => {
    const pid = await otherNode();
    fs.writeFileSync(lockFileOf(dbPath), JSON.stringify({ pid, port: 3000, startedAt: Date.now() }));
    expect(runningServer(dbPath)).toMatchObject({ pid, port: 3000 });
    expect(() => lockDatabase(dbPath, 3100)).toThrow(ServerLockedError);
    expect(() => lockDatabase(dbPath, 3100)).toThrow(new RegExp(`pid ${pid}, port 3000`));
  });

  it('takes over a lock whose process is gone', async () => {
    const child = spawn(process.execPath, ['-e', '0'], { stdio: 'ignore' });
    await new Promise((r) => child.on('exit', r));
    fs.writeFileSync(lockFileOf(dbPath), JSON.stringify({ pid: child.pid, port: 3000, startedAt: 0 }));
    expect(runningServer(dbPath)).toBeUndefined();
    lockDatabase(dbPath, 3100);
    expect(JSON.parse(fs.readFileSync(lockFileOf(dbPath), 'utf8'))).toMatchObject({ pid: process.pid, port: 3100 });
  });

  it('does not count its own lock as another server', () => {
    lockDatabase(dbPath, 3100);
    expect(runningServer(dbPath)).toBeUndefined();
    expect(() => lockDatabase(dbPath, 3100)).not.toThrow();
  });
});
