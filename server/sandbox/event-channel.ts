import 'server-only';

/** A push-based async iterable: callbacks push, one consumer iterates. Unbounded, so producers must cap volume. */
export class EventChannel<T> implements AsyncIterable<T> {
  private items: T[] = [];
  private waiting?: () => void;
  private closed = false;

  push(item: T) {
    if (this.closed) return;
    this.items.push(item);
    this.wake();
  }

  close() {
    this.closed = true;
    this.wake();
  }

  private wake() {
    const w = this.waiting;
    this.waiting = undefined;
    w?.();
  }

  async *[Symbol.asyncIterator](): AsyncIterator<T> {
    while (true) {
      if (this.items.length) {
        yield this.items.shift()!;
      } else if (this.closed) {
        return;
      } else {
        await new Promise<void>((r) => (this.waiting = r));
      }
    }
  }
}
