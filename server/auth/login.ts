import 'server-only';
import { AppError } from '../errors';
import { log } from '../log';
import { singleton } from '../singleton';
import { checkInstructorPassword } from './instructor-password';
import { issueSession, type InstructorSession } from './instructor-session';
import { RateLimiter } from './rate-limit';
import { clientIp, sameOrigin } from './request-info';

/**
 * Instructor sign-in: 5 attempts a minute per address, and 30 a minute in all,
 * because behind no proxy the address is whatever the client claims.
 */
const perIp = () => singleton('login-limit-ip', () => new RateLimiter(5, 60_000));
const overall = () => singleton('login-limit-all', () => new RateLimiter(30, 60_000));

export async function login(req: Request, password: string): Promise<{ value: string; session: InstructorSession }> {
  if (!sameOrigin(req)) throw new AppError('forbidden', 'This request came from another site and was refused.');
  const ip = clientIp(req);
  const limited = [perIp().hit(ip), overall().hit('all')].find((r) => !r.allowed);
  if (limited) {
    log.warn('instructor login rate-limited', { ip });
    throw new AppError('rate_limited', `Too many sign-in attempts. Try again in ${limited.retryAfterS} s.`);
  }
  if (!(await checkInstructorPassword(password))) {
    log.warn('instructor login failed', { ip });
    throw new AppError('unauthorized', 'That password is not right.');
  }
  log.info('instructor signed in', { ip });
  return issueSession();
}

/** Tests start each case with a fresh budget. */
export function resetLoginLimits() {
  perIp().reset();
  overall().reset();
}
