/**
 * One `abort` listener per signal, shared by every wait on it. A program that cancels many calls
 * with one controller would otherwise add a listener per call and wait, and Node warns past ten
 * (`MaxListenersExceededWarning`) although none of them leaks. The listener goes when its last
 * wait ends, so a long-lived signal keeps nothing of settled calls.
 */
interface Waits {
  callbacks: Set<() => void>;
  listener: () => void;
}

const waits = new WeakMap<AbortSignal, Waits>();

/** Calls `callback` once if `signal` aborts; the returned function stops waiting. */
export function onAbort(signal: AbortSignal, callback: () => void): () => void {
  let entry = waits.get(signal);
  if (!entry) {
    const callbacks = new Set<() => void>();
    const listener = () => {
      waits.delete(signal);
      for (const waiting of [...callbacks]) waiting();
    };
    entry = { callbacks, listener };
    waits.set(signal, entry);
    signal.addEventListener('abort', listener, { once: true });
  }
  const current = entry;
  current.callbacks.add(callback);
  return () => {
    current.callbacks.delete(callback);
    if (current.callbacks.size > 0 || waits.get(signal) !== current) return;
    waits.delete(signal);
    signal.removeEventListener('abort', current.listener);
  };
}

/**
 * A signal of the transport's own that aborts with `signal`: the transport (axios adds a listener
 * per request) then listens to a signal no other call shares. `release()` once the request settles.
 */
export function linkedSignal(signal: AbortSignal): { signal: AbortSignal; release: () => void } {
  const controller = new AbortController();
  if (signal.aborted) {
    controller.abort(signal.reason);
    return { signal: controller.signal, release: () => undefined };
  }
  const release = onAbort(signal, () => controller.abort(signal.reason));
  return { signal: controller.signal, release };
}
