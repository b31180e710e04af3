import 'server-only';
import { AppError } from '../errors';

/**
 * Interactive shells (`docker run -it`) hold a container for up to
 * LAYERLAB_SHELL_MAX_MIN, outside the job queue. Sessions are free, so one
 * shell per learner alone bounds nothing: at most `max` shells live at once,
 * anonymous learners may hold at most `1 − classShare` of them, and at most
 * `perAddress` from one client address (class members, who share a NAT
 * address, are exempt from that one).
 */
export type ShellCaps = { max: number; perAddress: number; classShare: number };
export type ShellOwner = { address: string; member: boolean };

export function shellRefusal(live: ShellOwner[], who: ShellOwner, caps: ShellCaps): AppError | undefined {
  const retry = 60;
  if (live.length >= caps.max) {
    return new AppError('server_busy', `All ${caps.max} terminal shells are in use. Try again in ${retry} s.`, undefined, retry);
  }
  if (who.member) return undefined;
  const anonymous = live.filter((o) => !o.member);
  const anonymousMax = Math.max(1, caps.max - Math.floor(caps.max * caps.classShare));
  if (anonymous.length >= anonymousMax) {
    return new AppError(
      'server_busy',
      `The terminal shells open to learners outside a class are all in use. Try again in ${retry} s, or join your class with its code.`,
      undefined,
      retry,
    );
  }
  if (anonymous.filter((o) => o.address === who.address).length >= caps.perAddress) {
    return new AppError(
      'too_many_jobs',
      `Your network already has ${caps.perAddress} terminal shells open. Close one (type exit). Try again in ${retry} s.`,
      undefined,
      retry,
    );
  }
  return undefined;
}
