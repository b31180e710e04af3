import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { sandboxRanOutOfTasks, sweepPanicReports } from './step-panics';

/** Reading gVisor's panic reports (the engine test drives a real one: docker-engine.test.ts, fork bomb). */
describe('step panic reports', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'layerlab-panics-'));
  const write = (name: string, text: string, ageMs = 0) => {
    const file = path.join(dir, name);
    fs.writeFileSync(file, text);
    const t = (Date.now() - ageMs) / 1000;
    fs.utimesSync(file, t, t);
    return file;
  };

  it('finds a panic for lack of tasks since the build started and removes the report it read', () => {
    const started = Date.now();
    const quiet = write('1.log', '');
    const panic = write('2.log', 'panic: trying to use inactive address space?\n\ngoroutine 167 [running]:\n');
    expect(sandboxRanOutOfTasks(dir, started)).toBe(true);
    expect(fs.existsSync(panic)).toBe(false);
    expect(fs.existsSync(quiet)).toBe(true); // a step still running may yet write to it
    expect(sandboxRanOutOfTasks(dir, started)).toBe(false);
  });

  it('ignores other panics and reports from before the build, and sweeps old reports', () => {
    const started = Date.now();
    write('3.log', 'panic: something else entirely\n');
    write('4.log', 'fatal error: failed to create new OS thread\n', 60_000);
    expect(sandboxRanOutOfTasks(dir, started)).toBe(false);
    write('5.log', '', 2 * 3600_000);
    sweepPanicReports(dir);
    expect(fs.readdirSync(dir).sort()).toEqual(['1.log', '4.log']);
  });
});
