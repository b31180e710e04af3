import http from 'node:http';

/**
 * HTTP requests from a chosen loopback address (127.0.0.0/8 all reach the
 * server), so a test can play several clients, an attacker and its victim,
 * whose addresses the server reads from the socket. Headers are sent as given:
 * spoofed X-Forwarded-For, X-Real-IP, X-Forwarded-Host, duplicate cookies.
 */

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read whatever JSON the route under test answers
export type Reply = { status: number; headers: http.IncomingHttpHeaders; text: string; json: () => any };

export function send(
  baseURL: string,
  from: string,
  method: string,
  path: string,
  opts: { headers?: Record<string, string>; body?: string | object } = {},
): Promise<Reply> {
  const url = new URL(path, baseURL);
  const body = opts.body === undefined ? undefined : typeof opts.body === 'string' ? opts.body : JSON.stringify(opts.body);
  const headers: Record<string, string> = { host: url.host, ...opts.headers };
  if (body !== undefined) {
    headers['content-type'] ??= 'application/json';
    headers['content-length'] = String(Buffer.byteLength(body));
  }
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: url.hostname === 'localhost' ? '127.0.0.1' : url.hostname,
        port: url.port,
        path: url.pathname + url.search,
        method,
        headers,
        localAddress: from,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json: () => JSON.parse(text) });
        });
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    if (body !== undefined) req.write(body);
    req.end();
  });
}

/** A learner on its own address: first contact opens a session, later requests carry its cookie. */
export class Client {
  cookie?: string;

  constructor(
    readonly baseURL: string,
    readonly from: string,
  ) {}

  async request(method: string, path: string, opts: { headers?: Record<string, string>; body?: string | object } = {}) {
    const headers = { ...(this.cookie && { cookie: this.cookie }), ...opts.headers };
    const reply = await send(this.baseURL, this.from, method, path, { ...opts, headers });
    const set = reply.headers['set-cookie']?.find((c) => c.startsWith('layerlab_session='));
    if (set) this.cookie = set.split(';')[0];
    return reply;
  }
}
