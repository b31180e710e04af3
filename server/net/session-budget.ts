import { RateLimiter } from '../auth/rate-limit';
import { config } from '../config';
import { singleton } from '../singleton';
import { countRefusal } from './refusals';

/**
 * Sessions cost nothing to open, so each client address may open at most
 * LAYERLAB_NEW_SESSIONS_PER_MIN a minute (generous: a class behind one NAT
 * address opens ~30 at once). Per-learner limits then bound something.
 */
export function newSessionAllowed(address: string) {
  const budget = singleton('new-session-budget', () => new RateLimiter(config().net.newSessionsPerMin, 60_000)).hit(address);
  if (!budget.allowed) countRefusal('new_sessions');
  return budget;
}
