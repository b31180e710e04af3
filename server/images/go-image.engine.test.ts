import { beforeAll, describe, expect, it } from 'vitest';
import { buildAndRun, ensureImages } from './stand-in-test-helpers';
import { imageStatus } from './status';

beforeAll(() => ensureImages('golang:1.24'));

describe('golang:1.24', () => {
  it('builds (as a non-root user) a static binary that runs on scratch', async () => {
    const r = await buildAndRun('go-static', {
      Dockerfile: [
        'FROM golang:1.24 AS build',
        'WORKDIR /src',
        'COPY go.mod main.go ./',
        'RUN chown -R nobody /src',
        'USER nobody',
        'ENV GOCACHE=/tmp/go-cache',
        'RUN go build -o /go/bin/hello . && go version',
        'FROM scratch',
        'COPY --from=build /go/bin/hello /hello',
        'USER 65534:65534',
        'ENTRYPOINT ["/hello"]',
        '',
      ].join('\n'),
      'go.mod': 'module example.com/hello\n\ngo 1.24\n',
      'main.go':
        'package main\n\nimport (\n\t"fmt"\n\t"os"\n\t"runtime"\n)\n\nfunc main() {\n\tfmt.Println("hello from a static binary on scratch", "uid", os.Getuid(), runtime.Version())\n}\n',
    });
    expect(r.built, r.log).toBe(true);
    expect(r.stdout).toMatch(/^hello from a static binary on scratch uid 65534 go1\.24(\.\d+)?$/m);
    expect(r.exitCode).toBe(0);
  });

  it('as root, a first go build compiles only the program: the standard library comes from the primed cache', async () => {
    const r = await buildAndRun('go-primed', {
      Dockerfile:
        'FROM golang:1.24\nWORKDIR /src\nCOPY go.mod main.go ./\nRUN go build -v -o /go/bin/web . 2>&1 | tee /build.log\nCMD ["cat", "/build.log"]\n',
      'go.mod': 'module example.com/web\n\ngo 1.24\n',
      'main.go':
        'package main\n\nimport (\n\t"encoding/json"\n\t"fmt"\n\t"net/http"\n)\n\nfunc main() {\n\tb, _ := json.Marshal(http.StatusOK)\n\tfmt.Println(string(b))\n}\n',
    });
    expect(r.built, r.log).toBe(true);
    const compiled = r.stdout.trim().split('\n');
    // The official image has no primed cache: there the standard library is compiled too.
    if ((await imageStatus('golang:1.24')).standIn) expect(compiled).toEqual(['example.com/web']);
    else expect(compiled).toContain('example.com/web');
  });
});
