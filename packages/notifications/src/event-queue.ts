/**
 * The buffer behind one async iterator: events pushed while nobody awaits wait here, at most `limit` of
 * them; past that the oldest go, and `onDropped` says how many (once per burst, not once per event).
 */
export class EventQueue<T> implements AsyncIterableIterator<T> {
  private readonly buffered: T[] = [];
  private readonly waiting: Array<(result: IteratorResult<T>) => void> = [];
  private ended = false;
  private droppedSinceReport = 0;

  constructor(
    private readonly limit: number,
    private readonly onDropped: (count: number) => void,
    private readonly onReturn: () => void,
  ) {}

  push(item: T): void {
    if (this.ended) return;
    const waiter = this.waiting.shift();
    if (waiter) return waiter({ value: item, done: false });
    this.buffered.push(item);
    if (this.buffered.length > this.limit) {
      this.buffered.shift();
      if (this.droppedSinceReport++ === 0)
        queueMicrotask(() => {
          const count = this.droppedSinceReport;
          this.droppedSinceReport = 0;
          this.onDropped(count);
        });
    }
  }

  /** Ends the iteration: what is buffered is still handed out, then `done`. */
  end(): void {
    this.ended = true;
    for (const waiter of this.waiting.splice(0)) waiter({ value: undefined, done: true });
  }

  next(): Promise<IteratorResult<T>> {
    if (this.buffered.length > 0) return Promise.resolve({ value: this.buffered.shift() as T, done: false });
    if (this.ended) return Promise.resolve({ value: undefined, done: true });
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  /** `break` out of a `for await`: stop buffering for this iterator. */
  return(): Promise<IteratorResult<T>> {
    this.buffered.length = 0;
    this.end();
    this.onReturn();
    return Promise.resolve({ value: undefined, done: true });
  }

  [Symbol.asyncIterator](): this {
    return this;
  }
}
