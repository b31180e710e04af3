import http from 'node:http';

/**
 * Next's route handlers and proxy never see the TCP socket, and the
 * `X-Forwarded-For` Next adds is kept when the client sent one of its own. So
 * the web process stamps every incoming request, before Next reads it, with the
 * socket's address in a header of our own, overwriting whatever the client sent
 * under that name. `instrumentation.ts` installs it once per process.
 */

export const PEER_HEADER = 'x-layerlab-peer';
const INSTALLED = Symbol.for('layerlab.peerHeaderInstalled');

type Flagged = typeof globalThis & { [INSTALLED]?: boolean };

export function installPeerHeader() {
  const g = globalThis as Flagged;
  if (g[INSTALLED]) return;
  const emit = http.Server.prototype.emit;
  http.Server.prototype.emit = function (this: http.Server, event: string | symbol, ...args: unknown[]) {
    if (event === 'request') {
      const req = args[0] as http.IncomingMessage;
      req.headers[PEER_HEADER] = req.socket?.remoteAddress ?? 'unknown';
    }
    return emit.apply(this, [event, ...args] as Parameters<typeof emit>);
  } as typeof emit;
  g[INSTALLED] = true;
}

/** True once the stamp is in place: before that the header could be the client's own, so it is not read. */
export function peerHeaderInstalled(): boolean {
  return (globalThis as Flagged)[INSTALLED] === true;
}

/** Route-level tests build requests by hand: they play the part of the stamping server. */
export function markPeerHeaderInstalledForTests() {
  (globalThis as Flagged)[INSTALLED] = true;
}
