import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { installPeerHeader, PEER_HEADER, peerHeaderInstalled } from './peer-header';

/** The stamp on a real HTTP server: the socket's address wins over whatever the client wrote under that name. */

describe('peer header', () => {
  it("overwrites a client's own x-layerlab-peer with the socket's address", async () => {
    installPeerHeader();
    expect(peerHeaderInstalled()).toBe(true);
    const server = http.createServer((req, res) => res.end(String(req.headers[PEER_HEADER])));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    try {
      const { port } = server.address() as AddressInfo;
      const seen = await new Promise<string>((resolve, reject) => {
        const req = http.request(
          { host: '127.0.0.1', port, localAddress: '127.0.0.7', headers: { [PEER_HEADER]: '10.9.9.9', 'x-forwarded-for': '10.9.9.9' } },
          (res) => {
            let body = '';
            res.on('data', (c) => (body += c));
            res.on('end', () => resolve(body));
          },
        );
        req.on('error', reject);
        req.end();
      });
      expect(seen).toBe('127.0.0.7');
    } finally {
      server.close();
    }
  });
});
