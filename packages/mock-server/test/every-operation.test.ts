/** Every operation of the bundled spec, called once with odd but well-formed values, is answered without a 5xx. */
import { startMockServer, type MockServer } from '../src/index.js';
import { loadSpec } from '../src/spec.js';
import { clientToken } from './helpers.js';

let mock: MockServer;
let token: string;
beforeAll(async () => {
  mock = await startMockServer({ rateLimit: { requests: 1_000_000, windowSeconds: 60 } });
  token = await clientToken(mock);
});
afterAll(() => mock?.close());

it('answers every operation with a status below 500', async () => {
  const spec = loadSpec();
  const failures: string[] = [];
  let calls = 0;
  for (const [template, item] of Object.entries(spec.paths)) {
    for (const [method, operation] of Object.entries(item)) {
      const path = template.replace(/\{[^}]+\}/g, encodeURIComponent('x y%/"<'));
      const query = new URLSearchParams();
      for (const p of operation.parameters ?? []) if (p.in === 'query') query.append(p.name, p.type === 'number' ? '1' : 'a,b');
      const hasBody = (operation.parameters ?? []).some((p) => p.in === 'body');
      const res = await fetch(`${mock.url}${path}?${query}`, {
        method: method.toUpperCase(),
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        ...(hasBody ? { body: '{"a":null,"b":[1,{"c":"d"}],"name":"n"}' } : {}),
      });
      const text = await res.text();
      calls++;
      if (res.status >= 500) failures.push(`${method.toUpperCase()} ${template}: ${res.status} ${text.slice(0, 200)}`);
    }
  }
  expect(calls).toBeGreaterThan(3000);
  expect(failures).toEqual([]);
}, 120_000);
