import { beforeAll, describe, expect, it } from 'vitest';
import { docker } from '../sandbox/docker';
import { buildAndRun, ensureImages } from './stand-in-test-helpers';

// Containers have no network but loopback; bash's /dev/tcp is the client (no curl or wget in the image, as in the official one).
const GET = (p: string, port = 80) =>
  `exec 3<>/dev/tcp/127.0.0.1/${port} && printf 'GET ${p} HTTP/1.0\\r\\nHost: localhost\\r\\n\\r\\n' >&3 && cat <&3`;

beforeAll(() => ensureImages('nginx:1.26'));

describe('nginx:1.26', () => {
  it('is configured like the official image: foreground, port 80, SIGQUIT', async () => {
    const info = await docker().getImage('nginx:1.26').inspect();
    expect(info.Config.Cmd).toEqual(['nginx', '-g', 'daemon off;']);
    expect(Object.keys(info.Config.ExposedPorts ?? {})).toEqual(['80/tcp']);
    expect((info.Config as { StopSignal?: string }).StopSignal).toBe('SIGQUIT');
  });

  it('as root, serves a file from /usr/share/nginx/html on port 80 and logs the request to stdout', async () => {
    // Straight on the engine (gVisor, no network) with Docker's default capabilities: learner runs drop
    // them all, and nginx as root needs NET_BIND_SERVICE, SETUID, SETGID and CHOWN, as the official image does.
    const c = await docker().createContainer({
      Image: 'nginx:1.26',
      Cmd: ['bash', '-c', `nginx -g 'daemon on;' && ${GET('/index.html')}`],
      Tty: true,
      HostConfig: { NetworkMode: 'none' },
    });
    try {
      const stream = await c.attach({ stream: true, stdout: true, stderr: true });
      const chunks: Buffer[] = [];
      stream.on('data', (d: Buffer) => chunks.push(d));
      const ended = new Promise((resolve) => stream.on('end', resolve));
      await c.start();
      const { StatusCode } = await c.wait();
      await ended;
      const out = Buffer.concat(chunks).toString();
      expect(StatusCode, out).toBe(0);
      expect(out).toMatch(/^HTTP\/1\.1 200 OK\r?$/m);
      expect(out).toMatch(/^Server: nginx\/1\.26\.\d+\r?$/m);
      expect(out).toContain('<h1>Welcome to nginx!</h1>');
      expect(out).toMatch(/"GET \/index\.html HTTP\/1\.0" 200/);
    } finally {
      await c.remove({ force: true });
    }
  });

  it('as a non-root user in a learner run, serves a file of the build context on port 8080', async () => {
    const r = await buildAndRun(
      'nginx-site',
      {
        // Learner runs have a read-only root with a writable /tmp: the pid file and temporary files go there
        // (the stand-in's nginx.conf already does this; the official image's does not).
        Dockerfile: 'FROM nginx:1.26\nCOPY nginx.conf /etc/nginx/nginx.conf\nCOPY hello.txt /usr/share/nginx/html/\nUSER www-data\n',
        'nginx.conf': [
          'pid /tmp/nginx.pid;',
          'error_log /dev/stderr notice;',
          'events {}',
          'http {',
          '    access_log /dev/stdout;',
          '    client_body_temp_path /tmp/client_temp;',
          '    proxy_temp_path /tmp/proxy_temp;',
          '    fastcgi_temp_path /tmp/fastcgi_temp;',
          '    uwsgi_temp_path /tmp/uwsgi_temp;',
          '    scgi_temp_path /tmp/scgi_temp;',
          '    server {',
          '        listen 8080;',
          '        root /usr/share/nginx/html;',
          '    }',
          '}',
          '',
        ].join('\n'),
        'hello.txt': 'hello from nginx\n',
      },
      // daemon on: nginx is listening when the command returns, so the request needs no waiting.
      { command: ['bash', '-c', `nginx -g 'daemon on;' && ${GET('/hello.txt', 8080)}`] },
    );
    expect(r.built, r.log).toBe(true);
    expect(r.stdout, `exit ${r.exitCode}: ${r.stderr}`).toMatch(/^HTTP\/1\.1 200 OK\r?$/m);
    expect(r.stdout).toContain('hello from nginx');
    expect(r.stdout).toMatch(/"GET \/hello\.txt HTTP\/1\.0" 200/);
  });

  it('runs nginx as a non-root user when asked', async () => {
    const r = await buildAndRun('nginx-user', { Dockerfile: 'FROM nginx:1.26\nUSER www-data\nCMD ["sh", "-c", "id -un && nginx -v"]\n' });
    expect(r.built, r.log).toBe(true);
    expect(r.stdout.trim()).toBe('www-data');
    expect(r.stderr).toMatch(/nginx version: nginx\/1\.26\.\d+/);
  });
});
