import 'server-only';
import { AppError } from '../errors';
import { log } from '../log';
import { countRefusal } from '../net/refusals';
import { singleton } from '../singleton';
import { checkInstructorPassword } from './instructor-password';
import { issueSession, type InstructorSession } from './instructor-session';
import { LoginBackoff } from './login-backoff';
import { clientIp, sameOrigin } from './request-info';

/**
 * Instructor sign-in. Throttled per client address (the socket's, or a trusted
 * proxy's word, never a header the client chose: server/net/client-address.ts),
 * with a backoff that grows with each failure and ends with a success. There is
 * deliberately no global lock: a flood from other addresses must not keep the
 * real instructor out. The global guard bounds work instead: at most a few
 * password checks (scrypt, ~50 ms of CPU each) run at once.
 */
const backoff = () => singleton('login-backoff', () => new LoginBackoff());
const MAX_CHECKS_IN_FLIGHT = 4;
const inFlight = () => singleton('login-in-flight', () => ({ n: 0 }));

export async function login(req: Request, password: string): Promise<{ value: string; session: InstructorSession }> {
  if (!sameOrigin(req)) throw new AppError('forbidden', 'This request came from another site and was refused.');
  const ip = clientIp(req);
  const wait = backoff().waitS(ip);
  if (wait > 0) {
    log.warn('instructor login throttled', { ip, waitS: wait });
    countRefusal('login_backoff');
    throw new AppError('rate_limited', `Too many wrong passwords from your network. Try again in ${wait} s.`, undefined, wait);
  }
  const busy = inFlight();
  if (busy.n >= MAX_CHECKS_IN_FLIGHT) {
    countRefusal('login_busy');
    throw new AppError('rate_limited', 'Many sign-ins are being checked right now. Try again in a second.', undefined, 1);
  }
  busy.n++;
  let ok: boolean;
  try {
    ok = await checkInstructorPassword(password);
  } finally {
    busy.n--;
  }
  if (!ok) {
    backoff().failed(ip);
    log.warn('instructor login failed', { ip });
    throw new AppError('unauthorized', 'That password is not right.');
  }
  backoff().succeeded(ip);
  log.info('instructor signed in', { ip });
  return issueSession();
}

/** Tests start each case with a fresh budget. */
export function resetLoginLimits() {
  backoff().reset();
}
