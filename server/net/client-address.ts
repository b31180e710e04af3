import { BlockList, isIP } from 'node:net';
import { config } from '../config';
import { log } from '../log';
import { PEER_HEADER, peerHeaderInstalled } from './peer-header';

/**
 * Who sent a request, for rate limits, per-address caps and the origin check.
 * The address is the TCP peer's (stamped by peer-header.ts). Only when that
 * peer is one of LAYERLAB_TRUSTED_PROXIES are its forwarding headers read:
 * X-Forwarded-For from the right, skipping our own proxies, else X-Real-IP.
 * Anything else a client writes in those headers is ignored.
 */

let trusted: { source: string; list: BlockList } | undefined;

function trustedList(): BlockList {
  const source = config().net.trustedProxies.join(',');
  if (trusted?.source === source) return trusted.list;
  const list = new BlockList();
  for (const entry of config().net.trustedProxies) {
    const [addr, bits] = entry.split('/');
    const family = isIP(addr) === 6 ? 'ipv6' : 'ipv4';
    if (bits === undefined) list.addAddress(addr, family);
    else list.addSubnet(addr, Number(bits), family);
  }
  trusted = { source, list };
  return list;
}

/** `::ffff:127.0.0.1` and `127.0.0.1` are one client. */
export function normalizeAddress(addr: string): string {
  const a = addr.trim().replace(/^\[|\]$/g, '');
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(a);
  return (mapped ? mapped[1] : a).toLowerCase();
}

export function isTrustedProxy(addr: string): boolean {
  const a = normalizeAddress(addr);
  const family = isIP(a);
  if (!family) return false;
  return trustedList().check(a, family === 6 ? 'ipv6' : 'ipv4');
}

/** The TCP peer, or 'unknown' when the stamp is missing (then every such request shares one budget). */
export function peerAddress(headers: Headers): string {
  if (!peerHeaderInstalled()) return 'unknown';
  const peer = headers.get(PEER_HEADER);
  return peer && isIP(normalizeAddress(peer)) ? normalizeAddress(peer) : 'unknown';
}

let warned = false;

export function clientAddress(req: { headers: Headers }): string {
  const peer = peerAddress(req.headers);
  if (!isTrustedProxy(peer)) {
    if (!warned && isLoopback(peer) && req.headers.has('x-forwarded-for') && config().net.trustedProxies.length === 0) {
      warned = true;
      log.warn(
        'requests come through a proxy on this host, but LAYERLAB_TRUSTED_PROXIES is empty: every learner counts as one address for the per-address limits (see docs/deploy.md)',
        { peer },
      );
    }
    return peer;
  }
  const hops = (req.headers.get('x-forwarded-for') ?? '')
    .split(',')
    .map((h) => normalizeAddress(h))
    .filter((h) => isIP(h));
  for (let i = hops.length - 1; i >= 0; i--) if (!isTrustedProxy(hops[i])) return hops[i];
  const real = normalizeAddress(req.headers.get('x-real-ip') ?? '');
  return isIP(real) ? real : peer;
}

/** Forwarding headers (host, proto) count only when a trusted proxy sent them. */
export function fromTrustedProxy(req: { headers: Headers }): boolean {
  return isTrustedProxy(peerAddress(req.headers));
}

const isLoopback = (a: string) => a === '::1' || a.startsWith('127.');
