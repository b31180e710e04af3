import 'server-only';

/**
 * Failed sign-ins per client address: the first FREE failures in a window cost
 * nothing; each further one doubles the wait (2 s, 4 s, … up to 15 min) before
 * that address may try again. A success clears the address. In memory, bounded.
 */
export class LoginBackoff {
  private failures = new Map<string, { count: number; last: number }>();

  constructor(
    private readonly free = 5,
    private readonly windowMs = 15 * 60_000,
    private readonly maxWaitS = 15 * 60,
  ) {}

  /** Seconds this address must still wait before its next attempt (0 = go ahead). */
  waitS(key: string, now = Date.now()): number {
    const f = this.current(key, now);
    if (!f || f.count < this.free) return 0;
    const waitMs = Math.min(this.maxWaitS, 2 ** (f.count - this.free + 1)) * 1000;
    return Math.max(0, Math.ceil((f.last + waitMs - now) / 1000));
  }

  failed(key: string, now = Date.now()) {
    const f = this.current(key, now) ?? { count: 0, last: now };
    this.failures.set(key, { count: f.count + 1, last: now });
    if (this.failures.size > 10_000) this.prune(now);
  }

  succeeded(key: string) {
    this.failures.delete(key);
  }

  reset() {
    this.failures.clear();
  }

  private current(key: string, now: number) {
    const f = this.failures.get(key);
    if (f && now - f.last > this.windowMs) {
      this.failures.delete(key);
      return undefined;
    }
    return f;
  }

  private prune(now: number) {
    for (const [key, f] of this.failures) if (now - f.last > this.windowMs) this.failures.delete(key);
  }
}
