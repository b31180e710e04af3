import { beforeAll, describe, expect, it } from 'vitest';
import { buildAndRun, ensureImages } from './stand-in-test-helpers';

beforeAll(() => ensureImages('debian:trixie-slim', 'debian:bookworm-slim'));

describe.each([
  ['debian:trixie-slim', 'trixie'],
  ['debian:bookworm-slim', 'bookworm'],
])('%s', (ref, codename) => {
  it(`is Debian ${codename} with bash and coreutils, and runs as a non-root user`, async () => {
    const r = await buildAndRun(`deb-${codename}`, {
      Dockerfile: `FROM ${ref}\nUSER nobody\nCMD ["bash", "-c", ". /etc/os-release && echo $VERSION_CODENAME $(id -u) && ls / | wc -l"]\n`,
    });
    expect(r.built, r.log).toBe(true);
    expect(r.stdout).toMatch(new RegExp(`^${codename} 65534\\n\\d+\\n$`));
  });
});
