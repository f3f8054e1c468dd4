/**
 * Wire compatibility: the same calls through the reference SDK (purecloud-platform-client-v2 262.0.0)
 * and through the built @gcsdk/platform-client, both pointed at one local recording server, must
 * produce the same method, raw path (with its encoding), raw query string, headers and body bytes.
 *
 * Covered: every operation of the tags in FULL_TAGS, and the first operation of every other tag,
 * with synthesised arguments (strings that need encoding, arrays, numbers, booleans, optional
 * parameters left out, null options); then, for each required parameter of those operations, the
 * call without it: a MissingParameterError with the reference's message, and nothing sent.
 *
 * Deliberate differences, and why:
 *   - User-Agent: the reference sends axios's default (`axios/<version>`); we name this SDK
 *     (`gcsdk/<version> (node <version>)`) so that Genesys support can tell the SDKs apart.
 *   - A missing required parameter: the reference throws a plain string synchronously; we return a
 *     rejected promise with a MissingParameterError whose message is the same string.
 */
import {
  argsFor,
  byTag,
  LARGE_TAG_TIMEOUT_MS,
  className,
  ours,
  Recorder,
  reference,
  send,
  type Method,
  type SpecOp,
} from './support/differential';

const FULL_TAGS = [
  'Users',
  'Routing',
  'Conversations',
  'Analytics',
  'Architect',
  'External Contacts',
  'Telephony Providers Edge',
  'Outbound',
  'Quality',
  'SCIM',
  'Authorization',
  'Notifications',
];

const recorder = new Recorder();
const received = recorder.received;
beforeAll(() => recorder.start());
afterAll(() => recorder.stop());

function coveredOps(): [string, SpecOp[]][] {
  return [...byTag.entries()].map(([tag, ops]) => [tag, FULL_TAGS.includes(tag) ? ops : ops.slice(0, 1)]);
}

it('covers every tag, and every operation of the full tags', () => {
  const covered = coveredOps();
  expect(covered).toHaveLength(87);
  expect(FULL_TAGS.every((t) => byTag.has(t))).toBe(true);
  expect(covered.reduce((n, [, ops]) => n + ops.length, 0)).toBeGreaterThan(1000);
});

/** Ours on each transport that must put the reference's axios requests on the wire: axios (the default) and Node's http. */
const TRANSPORTS: [string, () => object | undefined][] = [
  ['axios', () => undefined],
  ['node', () => new (ours['NodeHttpClient'] as new () => object)()],
];

describe.each(TRANSPORTS)('through the %s transport', (_name, transport) => {
  beforeAll(() => {
    const given = transport();
    if (given) (ours.ApiClient.instance as unknown as { setHttpClient(c: object): void }).setHttpClient(given);
  });

  describe.each(coveredOps())('%s', (tag, ops) => {
    it(
      `sends the same requests as the reference (${ops.length} operations)`,
      async () => {
        const differences: string[] = [];
        for (const op of ops) {
          const { positional, opts } = argsFor(op);
          const expected = await send(recorder, reference, tag, op, positional, opts);
          const actual = await send(recorder, ours, tag, op, positional, opts);
          if (typeof expected === 'string') differences.push(`${op.operationId}: the reference call itself failed (${expected})`);
          else if (JSON.stringify(actual) !== JSON.stringify(expected))
            differences.push(`${op.operationId}: reference ${JSON.stringify(expected)} / ours ${JSON.stringify(actual)}`);
        }
        expect(differences).toEqual([]);
      },
      LARGE_TAG_TIMEOUT_MS,
    );
  });
});

describe.each(coveredOps())('%s', (tag, ops) => {
  it(
    'rejects each missing required parameter with the reference message, sending nothing',
    async () => {
      const differences: string[] = [];
      let checked = 0;
      for (const op of ops) {
        const { positional, opts } = argsFor(op);
        const required = (op.parameters ?? []).filter((p) => p.required);
        for (let i = 0; i < required.length; i++) {
          const without = positional.map((v, j) => (j === i ? undefined : v));
          const before = received.length;
          let referenceMessage: unknown;
          try {
            await new (reference[className(tag)] as new () => Record<string, Method>)()[op.operationId]!(...without, opts);
          } catch (error) {
            referenceMessage = error;
          }
          const ourError = (await (
            new (ours[className(tag)] as new () => Record<string, Method>)()[op.operationId]!(...without, opts) as Promise<unknown>
          ).catch((e: unknown) => e)) as Error;
          const sent = received.length - before;
          checked++;
          if (
            !(ourError instanceof Error) ||
            ourError.name !== 'MissingParameterError' ||
            ourError.message !== referenceMessage ||
            sent !== 0
          ) {
            differences.push(
              `${op.operationId} without ${required[i]!.name}: reference ${String(referenceMessage)} / ours ${String(ourError)} / ${sent} sent`,
            );
          }
        }
      }
      expect(differences).toEqual([]);
      expect(checked).toBe(ops.reduce((n, op) => n + (op.parameters ?? []).filter((p) => p.required).length, 0));
    },
    LARGE_TAG_TIMEOUT_MS,
  );
});
