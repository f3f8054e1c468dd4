/** The small parts on their own: options, topic lists, backoff, the iterator buffer, dedupe, the watchdog. */
import { ApiClient } from '@gcsdk/core';
import { backoffDelay, sleep } from '../src/backoff.js';
import { createNotificationClient } from '../src/client.js';
import { NotificationsError } from '../src/errors.js';
import { EventQueue } from '../src/event-queue.js';
import { HeartbeatWatchdog } from '../src/heartbeat.js';
import { resolveOptions } from '../src/options.js';
import { RecentIds } from '../src/recent-ids.js';
import { topicList } from '../src/topic-list.js';

describe('options', () => {
  it('fills in the documented defaults', () => {
    expect(resolveOptions(undefined)).toEqual({
      heartbeatTimeoutMs: 65_000,
      renewBeforeMs: 3_600_000,
      maxTopicsPerChannel: 1000,
      reconnect: { initialDelayMs: 500, maxDelayMs: 30_000, maxAttempts: Infinity },
      WebSocket: undefined,
      signal: undefined,
      maxBufferedEvents: 10_000,
    });
  });

  it.each([
    [{ heartbeatTimeoutMs: 0 }, /heartbeatTimeoutMs must be a number from 1/],
    [{ heartbeatTimeoutMs: '65000' }, /heartbeatTimeoutMs .* got "65000"/],
    [{ renewBeforeMs: -1 }, /renewBeforeMs/],
    [{ maxTopicsPerChannel: 1001 }, /maxTopicsPerChannel must be an integer from 1 to 1000, got 1001/],
    [{ maxTopicsPerChannel: 2.5 }, /maxTopicsPerChannel must be an integer/],
    [{ reconnect: { initialDelayMs: NaN } }, /reconnect.initialDelayMs/],
    [{ reconnect: { initialDelayMs: 1000, maxDelayMs: 10 } }, /reconnect.maxDelayMs must be a number from 1000/],
    [{ reconnect: { maxAttempts: 0 } }, /reconnect.maxAttempts must be an integer from 1/],
    [{ reconnect: { retries: 3 } }, /unknown option in options.reconnect: retries/],
    [{ reconnect: 5 }, /options.reconnect must be an object, got 5/],
    [{ WebSocket: 'ws' }, /option WebSocket must be a WebSocket constructor/],
    [{ signal: {} }, /option signal must be an AbortSignal/],
    [{ maxBufferedEvents: 0 }, /maxBufferedEvents/],
    [{ heartbeatTimeout: 1000 }, /unknown option in options: heartbeatTimeout/],
  ])('refuses %j with an error naming the option', (options, message) => {
    expect(() => resolveOptions(options as never)).toThrow(message);
    try {
      resolveOptions(options as never);
    } catch (error) {
      expect(error).toBeInstanceOf(NotificationsError);
      expect((error as NotificationsError).code).toBe('invalid-option');
    }
  });

  it('accepts maxAttempts Infinity and an AbortSignal', () => {
    const signal = new AbortController().signal;
    expect(resolveOptions({ reconnect: { maxAttempts: Infinity }, signal }).signal).toBe(signal);
  });

  it('rejects createNotificationClient before any request on bad input', async () => {
    const apiClient = new ApiClient({ readConfigFile: false });
    const sent: unknown[] = [];
    apiClient.use({ beforeRequest: (request) => void sent.push(request) });
    await expect(createNotificationClient(apiClient, { maxTopicsPerChannel: 0 })).rejects.toThrow(/maxTopicsPerChannel/);
    await expect(createNotificationClient({} as ApiClient)).rejects.toThrow(/must be an ApiClient/);
    const aborted = new AbortController();
    aborted.abort();
    await expect(createNotificationClient(apiClient, { signal: aborted.signal })).rejects.toThrow(/already aborted/);
    expect(sent).toEqual([]);
    apiClient.close();
  });
});

describe('topicList', () => {
  it('takes one name or an array, keeps order and drops duplicates', () => {
    expect(topicList('v2.users.a.presence', 'subscribe')).toEqual(['v2.users.a.presence']);
    expect(topicList(['v2.b', 'v2.a', 'v2.b'], 'subscribe')).toEqual(['v2.b', 'v2.a']);
  });

  it.each([
    [[], /subscribe\(\) was given no topic/],
    [[''], /topic at index 0 must be a non-empty string, got ""/],
    [['v2.ok', 42], /topic at index 1 must be a non-empty string, got 42/],
    ['users.presence', /topic "users.presence" is not a topic name/],
    [['v2.'], /"v2." is not a topic name/],
    [['v2.users .x'], /is not a topic name/],
    [null, /takes a topic name or an array of them, got null/],
    [{ topic: 'v2.x' }, /got object/],
  ])('refuses %j', (topics, message) => {
    expect(() => topicList(topics, 'subscribe')).toThrow(message);
  });
});

describe('backoff', () => {
  const settings = { initialDelayMs: 100, maxDelayMs: 1000 };

  it('doubles the ceiling per attempt up to maxDelayMs, with full jitter below it', () => {
    expect([0, 1, 2, 3, 4, 60].map((attempt) => backoffDelay(attempt, settings, () => 0.999999))).toEqual([99, 199, 399, 799, 999, 999]);
    expect(backoffDelay(3, settings, () => 0)).toBe(0);
    expect(backoffDelay(3, settings, () => 0.5)).toBe(400);
  });

  it('sleep rejects with the abort reason and leaves no timer', async () => {
    const controller = new AbortController();
    const waiting = sleep(60_000, controller.signal);
    controller.abort(new Error('stop'));
    await expect(waiting).rejects.toThrow('stop');
    await expect(sleep(1, controller.signal)).rejects.toThrow('stop');
    await expect(sleep(1, new AbortController().signal)).resolves.toBeUndefined();
  });
});

describe('EventQueue', () => {
  it('hands out pushed events in order, to waiting and later readers alike', async () => {
    const queue = new EventQueue<number>(
      10,
      () => undefined,
      () => undefined,
    );
    const first = queue.next();
    queue.push(1);
    queue.push(2);
    await expect(first).resolves.toEqual({ value: 1, done: false });
    await expect(queue.next()).resolves.toEqual({ value: 2, done: false });
  });

  it('drops the oldest past its limit and reports the count once per burst', async () => {
    const reports: number[] = [];
    const queue = new EventQueue<number>(
      2,
      (count) => reports.push(count),
      () => undefined,
    );
    for (let value = 1; value <= 5; value++) queue.push(value);
    await Promise.resolve();
    expect(reports).toEqual([3]);
    await expect(queue.next()).resolves.toEqual({ value: 4, done: false });
    await expect(queue.next()).resolves.toEqual({ value: 5, done: false });
  });

  it('ends: buffered events first, then done, and waiting readers are released', async () => {
    const queue = new EventQueue<number>(
      10,
      () => undefined,
      () => undefined,
    );
    queue.push(1);
    queue.end();
    queue.push(2);
    await expect(queue.next()).resolves.toEqual({ value: 1, done: false });
    await expect(queue.next()).resolves.toEqual({ value: undefined, done: true });
    const other = new EventQueue<number>(
      10,
      () => undefined,
      () => undefined,
    );
    const waiting = other.next();
    other.end();
    await expect(waiting).resolves.toEqual({ value: undefined, done: true });
  });

  it('return() (a break in for await) unregisters the iterator', async () => {
    const onReturn = jest.fn();
    const queue = new EventQueue<number>(10, () => undefined, onReturn);
    queue.push(1);
    for await (const value of queue) {
      expect(value).toBe(1);
      break;
    }
    expect(onReturn).toHaveBeenCalledTimes(1);
  });
});

describe('RecentIds', () => {
  it('recognises a repeat and forgets the oldest past its capacity', () => {
    const ids = new RecentIds(2);
    expect(ids.add('a')).toBe(true);
    expect(ids.add('a')).toBe(false);
    ids.add('b');
    ids.add('c');
    expect(ids.add('b')).toBe(false);
    expect(ids.add('a')).toBe(true);
  });
});

describe('HeartbeatWatchdog', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('probes halfway, times out after silence, and any reset starts over', () => {
    const probe = jest.fn();
    const timeout = jest.fn();
    const watchdog = new HeartbeatWatchdog(1000, probe, timeout);
    watchdog.reset();
    jest.advanceTimersByTime(900);
    expect(probe).toHaveBeenCalledTimes(1);
    watchdog.reset();
    jest.advanceTimersByTime(900);
    expect(timeout).not.toHaveBeenCalled();
    jest.advanceTimersByTime(100);
    expect(timeout).toHaveBeenCalledTimes(1);
    watchdog.reset();
    watchdog.stop();
    jest.advanceTimersByTime(5000);
    expect(timeout).toHaveBeenCalledTimes(1);
    expect(jest.getTimerCount()).toBe(0);
  });
});
