/**
 * The CommonJS entry loads a domain package on the first read of its class (tools/generator/scripts/
 * build-package.mjs), so that `require('@gcsdk/platform-client')` costs about the core. Each case runs in a
 * fresh Node process: jest's module registry is not Node's, and an earlier test may have loaded domains.
 */
import { execFileSync } from 'node:child_process';

/** Runs `body` after requiring the umbrella; `domains()` lists the @gcsdk/api-* packages Node has loaded. */
function run(body: string): unknown {
  const script = `const pc = require('@gcsdk/platform-client');
    const domains = () => Object.keys(require.cache).map((f) => /[\\\\/]api-([\\w-]+)[\\\\/]dist[\\\\/]/.exec(f)?.[1]).filter(Boolean);
    const result = (() => { ${body} })();
    pc.ApiClient.close();
    process.stdout.write(JSON.stringify(result));`;
  return JSON.parse(execFileSync(process.execPath, ['-e', script], { cwd: __dirname }).toString());
}

it('loads no domain package when required', () => {
  expect(run('return domains();')).toEqual([]);
});

it('lists every export without loading a domain', () => {
  const result = run(
    `const names = Object.keys(pc); return { apis: names.filter((n) => n.endsWith('Api')).length, has: ['UsersApi', 'ApiClient', 'ApiClientClass', 'default', 'NetworkError'].every((n) => names.includes(n)), loaded: domains() };`,
  ) as { apis: number; has: boolean; loaded: string[] };
  expect(result).toEqual({ apis: 87, has: true, loaded: [] });
});

it('loads exactly the domain whose class is read, once, through named and default exports alike', () => {
  const result = run(`const U = pc.UsersApi;
    const first = domains();
    const same = pc.default.UsersApi === U && pc.UsersApi === U && new U().apiClient === pc.ApiClient && pc.ApiClient.instance === pc.ApiClient;
    const R = pc.default.RoutingApi;
    return { first, same, then: domains(), routing: typeof new R().getRoutingQueues };`);
  expect(result).toEqual({ first: ['users'], same: true, then: ['users', 'routing'], routing: 'function' });
});
