import { beforeAll, describe, expect, it } from 'vitest';
import { buildAndRun, ensureImages } from './stand-in-test-helpers';

// A wheel is a zip with metadata: made here with the standard library, so the test needs no network and no binary fixture.
const MAKE_WHEEL = `import zipfile, base64, hashlib
name, files = "greet_pkg-1.0-py3-none-any.whl", {
    "greet_pkg/__init__.py": "def greet(who):\\n    return f'hello {who} from a local wheel'\\n",
    "greet_pkg-1.0.dist-info/METADATA": "Metadata-Version: 2.1\\nName: greet-pkg\\nVersion: 1.0\\n",
    "greet_pkg-1.0.dist-info/WHEEL": "Wheel-Version: 1.0\\nGenerator: test\\nRoot-Is-Purelib: true\\nTag: py3-none-any\\n",
}
def h(data):
    return "sha256=" + base64.urlsafe_b64encode(hashlib.sha256(data.encode()).digest()).rstrip(b"=").decode()
record = "".join(f"{p},{h(c)},{len(c.encode())}\\n" for p, c in files.items()) + "greet_pkg-1.0.dist-info/RECORD,,\\n"
with zipfile.ZipFile("wheels/" + name, "w") as z:
    for p, c in {**files, "greet_pkg-1.0.dist-info/RECORD": record}.items():
        z.writestr(p, c)
`;

beforeAll(() => ensureImages('python:3.13-slim'));

describe('python:3.13-slim', () => {
  it('pip installs a package from a local wheel without a network, and it imports as a non-root user', async () => {
    const r = await buildAndRun('py-wheel', {
      Dockerfile: [
        'FROM python:3.13-slim',
        'WORKDIR /app',
        'COPY make_wheel.py .',
        'RUN mkdir wheels && python make_wheel.py',
        'RUN pip install --no-index --no-cache-dir ./wheels/greet_pkg-1.0-py3-none-any.whl',
        'USER nobody',
        'CMD ["python", "-c", "import os, sys, greet_pkg; print(greet_pkg.greet(\'pip\'), \'uid\', os.getuid(), sys.version.split()[0])"]',
        '',
      ].join('\n'),
      'make_wheel.py': MAKE_WHEEL,
    });
    expect(r.built, r.log).toBe(true);
    expect(r.stdout).toMatch(/^hello pip from a local wheel uid 65534 3\.13\.\d+$/m);
    expect(r.exitCode).toBe(0);
  });
});
