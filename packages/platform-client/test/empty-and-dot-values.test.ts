/**
 * `''`, `.` and `..` for every required parameter of every operation (all 87 tags), through the
 * reference SDK and through the built umbrella, one parameter at a time (the others as in the
 * main differential suite).
 *
 * Query, header and body parameters: the same request on the wire as the reference (a required
 * query parameter of `''` goes out as `name=`; a body of `''` is not sent).
 *
 * Path parameters, where we refuse on purpose and send nothing:
 *   - `''`: a MissingParameterError with the reference's own message (it refuses `''` for string
 *     path parameters; for the few integer ones it does not check, its request would go to the
 *     parent path);
 *   - `.` and `..`: an InvalidRequestError naming the parameter. The reference sends these, and the
 *     URL they make resolves to another path (`PUT …/rules/.` reaches `PUT …/rules/`).
 */
import { argsFor, byTag, LARGE_TAG_TIMEOUT_MS, methodOf, ours, Recorder, reference, send, type SpecOp } from './support/differential';

const VALUES = ['', '.', '..'] as const;

const recorder = new Recorder();
beforeAll(() => recorder.start());
afterAll(() => recorder.stop());

const tags = [...byTag.entries()];

it('covers every operation of every tag', () => {
  expect(tags).toHaveLength(87);
  expect(tags.reduce((n, [, ops]) => n + ops.length, 0)).toBe(3468);
});

async function ourRejection(tag: string, op: SpecOp, positional: unknown[], opts: object): Promise<[Error | undefined, number]> {
  const before = recorder.received.length;
  const error = await methodOf(
    ours,
    tag,
    op.operationId,
  )(...positional, opts).then(
    () => undefined,
    (e: unknown) => e as Error,
  );
  return [error, recorder.received.length - before];
}

async function referenceThrow(tag: string, op: SpecOp, positional: unknown[], opts: object): Promise<unknown> {
  try {
    await methodOf(reference, tag, op.operationId)(...positional, opts);
    return undefined;
  } catch (error) {
    return error;
  }
}

describe.each(tags)('%s', (tag, ops) => {
  it(
    "sends '', '.' and '..' in a required query, header or body parameter as the reference does, and refuses them in a path",
    async () => {
      const differences: string[] = [];
      const counts = { wire: 0, refused: 0 };
      for (const op of ops) {
        const { positional, opts } = argsFor(op);
        const required = (op.parameters ?? []).filter((p) => p.required);
        for (const [index, parameter] of required.entries()) {
          for (const value of VALUES) {
            const args = positional.map((v, j) => (j === index ? value : v));
            const label = `${op.operationId}(${parameter.name} = ${JSON.stringify(value)})`;
            if (parameter.in !== 'path') {
              const expected = await send(recorder, reference, tag, op, args, opts);
              const actual = await send(recorder, ours, tag, op, args, opts);
              counts.wire++;
              if (typeof expected === 'string') differences.push(`${label}: the reference call itself failed (${expected})`);
              else if (JSON.stringify(actual) !== JSON.stringify(expected))
                differences.push(`${label}: reference ${JSON.stringify(expected)} / ours ${JSON.stringify(actual)}`);
              continue;
            }
            const [error, sent] = await ourRejection(tag, op, args, opts);
            counts.refused++;
            if (sent !== 0) differences.push(`${label}: ours sent ${sent} requests`);
            if (value === '') {
              const referenceMessage = await referenceThrow(tag, op, args, opts);
              const expectedMessage =
                typeof referenceMessage === 'string'
                  ? referenceMessage
                  : `Missing the required parameter "${parameter.name}" when calling ${op.operationId}`;
              if (error?.name !== 'MissingParameterError' || error.message !== expectedMessage)
                differences.push(`${label}: expected a MissingParameterError "${expectedMessage}", got ${String(error)}`);
            } else if (error?.name !== 'InvalidRequestError' || !error.message.includes(`"${parameter.name}"`)) {
              differences.push(`${label}: expected an InvalidRequestError naming the parameter, got ${String(error)}`);
            }
          }
        }
      }
      expect(differences).toEqual([]);
      const requiredCount = ops.reduce((n, op) => n + (op.parameters ?? []).filter((p) => p.required).length, 0);
      expect(counts.wire + counts.refused).toBe(requiredCount * VALUES.length);
    },
    LARGE_TAG_TIMEOUT_MS,
  );
});
