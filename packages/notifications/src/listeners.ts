/** A set of listeners; `add` returns the function that removes the listener again. */
export class Listeners<T> {
  private readonly listeners = new Set<(value: T) => void>();

  add(listener: (value: T) => void): () => void {
    // A wrapper per call, so that adding the same function twice gives two independent subscriptions.
    const entry = (value: T) => listener(value);
    this.listeners.add(entry);
    return () => {
      this.listeners.delete(entry);
    };
  }

  get size(): number {
    return this.listeners.size;
  }

  /** Calls each listener; one that throws does not stop the others, and `onThrow` hears of it. */
  emit(value: T, onThrow: (error: unknown) => void): void {
    for (const listener of [...this.listeners]) {
      try {
        listener(value);
      } catch (error) {
        onThrow(error);
      }
    }
  }

  clear(): void {
    this.listeners.clear();
  }
}
