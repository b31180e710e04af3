import { describe, expect, it } from 'vitest';

// Before anything reads the configuration: nginx on this host and a load balancer subnet.
process.env.LAYERLAB_TRUSTED_PROXIES = '127.0.0.1, 10.1.0.0/16';

const { markPeerHeaderInstalledForTests, PEER_HEADER, peerHeaderInstalled } = await import('./peer-header');
const { clientAddress, isTrustedProxy } = await import('./client-address');
const { readCookie } = await import('./cookies');
const { parseEnv } = await import('../config');

const req = (headers: Record<string, string>) => ({ headers: new Headers(headers) });

describe('client address', () => {
  it('is unknown until the server stamps requests: a client cannot send the stamp itself before that', () => {
    expect(peerHeaderInstalled()).toBe(false);
    expect(clientAddress(req({ [PEER_HEADER]: '192.0.2.1' }))).toBe('unknown');
    markPeerHeaderInstalledForTests();
  });

  it("is the socket's address; a client's X-Forwarded-For and X-Real-IP are ignored", () => {
    expect(clientAddress(req({ [PEER_HEADER]: '203.0.113.5', 'x-forwarded-for': '192.0.2.1', 'x-real-ip': '192.0.2.2' }))).toBe(
      '203.0.113.5',
    );
    expect(clientAddress(req({ [PEER_HEADER]: '::ffff:203.0.113.5' }))).toBe('203.0.113.5');
  });

  it('behind a trusted proxy: the rightmost address that is not one of our proxies', () => {
    expect(clientAddress(req({ [PEER_HEADER]: '127.0.0.1', 'x-forwarded-for': '192.0.2.1, 198.51.100.7, 10.1.2.3' }))).toBe('198.51.100.7');
    expect(clientAddress(req({ [PEER_HEADER]: '10.1.9.9', 'x-real-ip': '198.51.100.8' }))).toBe('198.51.100.8');
    expect(clientAddress(req({ [PEER_HEADER]: '127.0.0.1' }))).toBe('127.0.0.1');
    expect(isTrustedProxy('10.2.0.1')).toBe(false);
  });

  it('LAYERLAB_TRUSTED_PROXIES is parsed: a bad entry names the variable', () => {
    expect(() => parseEnv({ LAYERLAB_TRUSTED_PROXIES: '127.0.0.1, example.com' })).toThrow(/LAYERLAB_TRUSTED_PROXIES/);
    expect(() => parseEnv({ LAYERLAB_TRUSTED_PROXIES: '10.0.0.0/33' })).toThrow(/LAYERLAB_TRUSTED_PROXIES/);
    expect(parseEnv({ LAYERLAB_TRUSTED_PROXIES: '::1, 10.0.0.0/8' }).net.trustedProxies).toEqual(['::1', '10.0.0.0/8']);
  });
});

describe('cookies', () => {
  it('one rule everywhere: a name sent twice is read as absent', () => {
    expect(readCookie('a=1; layerlab_session=x', 'layerlab_session')).toBe('x');
    expect(readCookie('layerlab_session=x; layerlab_session=y', 'layerlab_session')).toBeUndefined();
    expect(readCookie('layerlab_session_other=x', 'layerlab_session')).toBeUndefined();
  });
});
