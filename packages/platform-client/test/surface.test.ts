/** The umbrella's surface is the reference SDK's: same top-level names, `ApiClient.instance`, API classes, in CJS and ESM. */
import { execFileSync } from 'node:child_process';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const ours = require('@gcsdk/platform-client') as Record<string, unknown> & { ApiClient: { instance: unknown; close(): void } };
// eslint-disable-next-line @typescript-eslint/no-require-imports
const reference = require('purecloud-platform-client-v2') as Record<string, unknown>;

afterAll(() => ours.ApiClient.close());

it('exports every top-level name of the reference', () => {
  const missing = Object.keys(reference).filter((name) => !(name in ours));
  expect(missing).toEqual([]);
  expect(Object.keys(reference).filter((name) => name.endsWith('Api'))).toHaveLength(87);
});

it('gives the shared client as ApiClient and its .instance, and API classes that use it', () => {
  expect(ours.ApiClient.instance).toBe(ours.ApiClient);
  const UsersApi = ours['UsersApi'] as new () => { apiClient: unknown };
  expect(new UsersApi().apiClient).toBe(ours.ApiClient);
  expect(typeof ours['ApiClientClass']).toBe('function');
  expect(ours['PureCloudRegionHosts']).toEqual(reference['PureCloudRegionHosts']);
});

it('works from ESM too, as a default and as named imports', () => {
  const script = `import platformClient, { UsersApi, ApiClient } from '@gcsdk/platform-client';
    const same = platformClient.UsersApi === UsersApi && platformClient.ApiClient === ApiClient && ApiClient.instance === ApiClient;
    process.stdout.write(String(same && typeof new platformClient.RoutingApi().getRoutingQueues === 'function'));
    ApiClient.close();`;
  expect(execFileSync(process.execPath, ['--input-type=module', '-e', script], { cwd: __dirname }).toString()).toBe('true');
});
