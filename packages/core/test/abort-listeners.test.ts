/** One abort listener per signal, however many calls wait on it (abort-listeners.ts). */
import { linkedSignal, onAbort } from '../src/pipeline/abort-listeners.js';

function watched() {
  const controller = new AbortController();
  const added = jest.spyOn(controller.signal, 'addEventListener');
  const removed = jest.spyOn(controller.signal, 'removeEventListener');
  return { controller, added, removed };
}

describe('onAbort', () => {
  it('adds one listener for many waits and removes it when the last wait stops', () => {
    const { controller, added, removed } = watched();
    const stops = Array.from({ length: 20 }, () => onAbort(controller.signal, () => undefined));
    expect(added).toHaveBeenCalledTimes(1);
    stops.slice(0, 19).forEach((stop) => stop());
    expect(removed).not.toHaveBeenCalled();
    stops[19]!();
    expect(removed).toHaveBeenCalledTimes(1);
    onAbort(controller.signal, () => undefined);
    expect(added).toHaveBeenCalledTimes(2);
  });

  it('calls every wait still registered when the signal aborts, once, and not those that stopped', () => {
    const { controller } = watched();
    const called: number[] = [];
    const stops = [0, 1, 2].map((n) => onAbort(controller.signal, () => called.push(n)));
    stops[1]!();
    controller.abort();
    controller.signal.dispatchEvent(new Event('abort'));
    expect(called).toEqual([0, 2]);
    expect(() => stops[0]!()).not.toThrow();
  });
});

describe('linkedSignal', () => {
  it('aborts with the caller’s signal and its reason, and releases its wait', () => {
    const { controller, removed } = watched();
    const link = linkedSignal(controller.signal);
    expect(link.signal).not.toBe(controller.signal);
    expect(link.signal.aborted).toBe(false);
    controller.abort('stop');
    expect(link.signal.aborted).toBe(true);
    expect(link.signal.reason).toBe('stop');
    const other = watched();
    linkedSignal(other.controller.signal).release();
    expect(other.removed).toHaveBeenCalledTimes(1);
    expect(removed).not.toHaveBeenCalled();
  });

  it('is aborted already for a signal aborted already, without listening', () => {
    const { controller, added } = watched();
    controller.abort('early');
    const link = linkedSignal(controller.signal);
    expect(link.signal.aborted).toBe(true);
    expect(link.signal.reason).toBe('early');
    expect(added).not.toHaveBeenCalled();
  });
});
