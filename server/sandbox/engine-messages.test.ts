import { describe, expect, it } from 'vitest';
import { couldNotFork, explainBuildError, missingPackageLists, triedNetwork } from './engine-messages';

describe('a step that tried the network', () => {
  it('is recognised from what pip, apt, npm, curl and wget print without a network', () => {
    for (const text of [
      "WARNING: Retrying (Retry(total=4, connect=None)) after connection broken by 'NewConnectionError(... Failed to establish a new connection: [Errno -3] Temporary failure in name resolution')': /simple/flask/",
      "Err:1 http://deb.debian.org/debian bookworm InRelease\n  Temporary failure resolving 'deb.debian.org'",
      'npm ERR! code EAI_AGAIN\nnpm ERR! request to https://registry.npmjs.org/express failed, reason: getaddrinfo EAI_AGAIN registry.npmjs.org',
      'curl: (6) Could not resolve host: example.com',
      "wget: bad address 'example.com'",
    ]) {
      expect(triedNetwork(text), text).toBe(true);
    }
    for (const text of ['Collecting flask', '#5 [2/3] RUN make', 'E: Unable to locate package vim', 'Connection refused'])
      expect(triedNetwork(text), text).toBe(false);
  });

  it('explains apt finding no package (no lists without a network)', () => {
    expect(missingPackageLists('E: Unable to locate package curl')).toBe(true);
    expect(missingPackageLists("E: Package 'vim' has no installation candidate")).toBe(true);
    expect(missingPackageLists('Setting up curl (7.88.1-10)')).toBe(false);
    const failed = 'process "/bin/sh -c apt-get install -y curl" did not complete successfully: exit code: 100';
    expect(explainBuildError(failed, { noPackageLists: true })).toMatch(
      /`apt-get install -y curl` failed with exit code 100\.\napt-get knows no packages here: .*no network access/,
    );
  });

  it('adds the no-network hint to a failed command only', () => {
    const failed = 'process "/bin/sh -c pip install flask" did not complete successfully: exit code: 1';
    expect(explainBuildError(failed, { triedNetwork: true })).toMatch(/`pip install flask` failed with exit code 1\.\n.*no network access/);
    expect(explainBuildError(failed)).toBe('The command `pip install flask` failed with exit code 1.');
  });
});

describe('BuildKit errors, explained (wording recorded from Docker 26.1)', () => {
  it('says a step killed with exit code 137 ran out of memory, naming the limit', () => {
    const killed = 'process "/bin/sh -c python3 -c \'x = bytearray(10**9)\'" did not complete successfully: exit code: 137';
    const text = explainBuildError(killed, { memoryBytes: 512 * 1024 * 1024 });
    expect(text).toMatch(/ran out of memory \(the limit for a build step is 512 MiB\)/);
    expect(text).not.toMatch(/137/);
  });

  it('names the file a COPY could not find instead of BuildKit internal refs', () => {
    const raw =
      'failed to compute cache key: failed to calculate checksum of ref 076164f1-9ca0::mtdbbbhyt8vtil1jfaidvmsru: "/nothere.txt": not found';
    const text = explainBuildError(raw);
    expect(text).toMatch(/^"nothere.txt" is not in your project/);
    expect(text).not.toMatch(/checksum|ref /);
  });

  it('explains a file-size kill (exit code 153) and a step that could not fork', () => {
    expect(
      explainBuildError('process "/bin/sh -c dd if=/dev/zero of=/fill bs=1M count=2000" did not complete successfully: exit code: 153', {
        fileMaxBytes: 1024 * 1024 * 1024,
      }),
    ).toMatch(/write a file larger than 1024 MiB/);
    expect(couldNotFork("sh: can't fork: Resource temporarily unavailable")).toBe(true);
    expect(
      explainBuildError('process "/bin/sh -c ./spawn" did not complete successfully: exit code: 2', { forkFailed: true, pidsLimit: 1024 }),
    ).toMatch(
      /`\.\/spawn` failed with exit code 2\.\nThis step ran out of processes: the limit here is 1024 sandbox tasks, about 128 processes at once\./,
    );
  });

  it('explains an unknown --target and a base image that would need the network', () => {
    expect(explainBuildError('target stage "tset" could not be found')).toMatch(/no stage named "tset"/);
    expect(
      explainBuildError('failed to resolve source metadata for docker.io/library/nginx:latest: dial tcp: lookup registry-1.docker.io'),
    ).toMatch(/no network/);
  });
});
