import { describe, expect, it } from 'vitest';
import { explainBuildError, triedNetwork } from './engine-messages';

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
    for (const text of ['Collecting flask', 'Step 3/5 : RUN make', 'E: Unable to locate package vim', 'Connection refused']) expect(triedNetwork(text), text).toBe(false);
  });

  it('adds the no-network hint to a failed command only', () => {
    const failed = "The command '/bin/sh -c pip install flask' returned a non-zero code: 1";
    expect(explainBuildError(failed, { triedNetwork: true })).toMatch(/no network access/);
    expect(explainBuildError(failed)).toBe(failed);
  });
});
