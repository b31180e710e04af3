/** Next.js start-up hook: runs once per server process, before the first request. */
export async function register() {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  // `next build` loads this too (prerender workers): recovering jobs or reaping containers
  // there would disturb a server that is running on the same engine and database.
  if (process.env.NEXT_PHASE === 'phase-production-build') return;
  // First, before any request is served: stamp each request with its socket's address.
  const { installPeerHeader } = await import('./server/net/peer-header');
  installPeerHeader();
  const { startServer } = await import('./server/startup');
  await startServer();
  // Classroom housekeeping: instructor password, idle-container stop, log retention, image GC.
  const { startOps } = await import('./server/ops/scheduler');
  startOps();
}
