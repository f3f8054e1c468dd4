// A fresh consumer project: the tarballs extracted into its node_modules (as npm installs them), strict
// TypeScript sources that import every package through its `exports`, and plain-Node entry points.
import { execFile, execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, realpathSync, symlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { ROOT } from './packages.mjs';

const run = promisify(execFile);
const rootRequire = createRequire(join(ROOT, 'package.json'));

/**
 * Extracts each tarball into `dir/node_modules/<name>`. Third-party dependencies (axios, ini, ajv; and
 * @types/node for the compiler) are linked from the workspace's node_modules: we are offline, and a link
 * resolves their own dependencies where npm installed them. Only declared dependencies are linked, so an
 * undeclared import fails here as it would for a user.
 */
export function installTarballs(dir, packages, tarballs) {
  const modules = join(dir, 'node_modules');
  const ours = new Set(packages.map((p) => p.name));
  const thirdPartyFrom = new Map([['@types/node', ROOT]]);
  for (const { name, pkg, dir: packageDir } of packages) {
    const target = join(modules, name);
    mkdirSync(target, { recursive: true });
    execFileSync('tar', ['-xzf', tarballs.get(name).path, '-C', target, '--strip-components=1']);
    for (const dep of Object.keys(pkg.dependencies ?? {})) if (!ours.has(dep)) thirdPartyFrom.set(dep, packageDir);
  }
  for (const [dep, from] of thirdPartyFrom) {
    // Where npm installed it for the package that declares it (nested when versions differ in the workspace).
    const source = installedDir(dep, from);
    mkdirSync(join(modules, dep, '..'), { recursive: true });
    if (!existsSync(join(modules, dep))) symlinkSync(source, join(modules, dep), 'dir');
  }
}

/**
 * The folder npm installed `name` in for the package at `from`: the first node_modules on Node's lookup
 * path that holds it (not through `require.resolve`, which a package's `exports` may refuse).
 */
export function installedDir(name, from) {
  for (const folder of createRequire(join(from, 'package.json')).resolve.paths(name) ?? []) {
    if (existsSync(join(folder, name, 'package.json'))) return realpathSync(join(folder, name));
  }
  throw new Error(`${name} is not installed where ${from} would find it`);
}

/** The API class an api package exports, read from its published declarations. */
export function apiClassOf(dir, name) {
  const index = readFileSync(join(dir, 'node_modules', name, 'dist/types/index.d.ts'), 'utf8');
  const classes = [...index.matchAll(/^export \{ (\w+Api) \} from '\.\/\1\.js';$/gm)].map((m) => m[1]);
  if (classes.length !== 1)
    throw new Error(`${name}: expected one exported API class in dist/types/index.d.ts, found ${classes.join(', ') || 'none'}`);
  return classes[0];
}

const HELPERS = `type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
type IsAny<T> = 0 extends 1 & T ? true : false;
export const notAny: false[] = [];
export const same: true[] = [];`;

/** The umbrella, used as the reference's users write it; `pc` is the default import, `named` the namespace. */
function umbrellaUse(pc, named) {
  return `
// @gcsdk/platform-client as purecloud-platform-client-v2's users write it.
export const user: ${pc}.Models.User = { name: 'Ada', email: 'ada@example.com', version: 1 };
export const userFromNamespace: ${named}.Models.User = user;
same.push(true as Equal<${pc}.Models.User, ${named}.Models.User>);
notAny.push(false as IsAny<${pc}.Models.User>, false as IsAny<${pc}.Models.Queue>);
// @ts-expect-error a User's name is a string: Models are real types, not any
export const wrong: ${pc}.Models.User = { name: 42, version: 1 };
// Enums are open unions: the known values are there (autocomplete), an unknown one still compiles.
type UserState = Exclude<${pc}.Models.User['state'], undefined>;
export const knownState: Extract<UserState, 'active'> = 'active';
export const futureState: UserState = 'a-state-added-next-year';
// @ts-expect-error a state is a string, not a number
export const numericState: UserState = 1;
type StateParameter = Exclude<Exclude<Parameters<${pc}.UsersApi['getUsers']>[0], undefined>['state'], undefined>;
export const knownParameter: Extract<StateParameter, 'inactive'> = 'inactive';
export const usersApi = new ${pc}.UsersApi();
export const client = ${pc}.ApiClient.instance;
export const me: Promise<${pc}.Models.UserMe> = usersApi.getUsersMe({ expand: ['presence'], signal: AbortSignal.timeout(1000), timeout: 500 });
notAny.push(false as IsAny<typeof usersApi>, false as IsAny<typeof client>, false as IsAny<typeof ${pc}.RoutingApi>);
// @ts-expect-error an unknown option is refused
usersApi.getUsersMe({ signals: true });
`;
}

/** ESM source (`.mts` under node16, `.ts` under bundler): every package's main symbol, imported by name. */
function esmSource(entries) {
  const lines = [HELPERS];
  entries.forEach(({ name, symbol }, i) => {
    lines.push(`import { ${symbol} as s${i} } from '${name}';`, `notAny.push(false as IsAny<typeof s${i}>);`);
  });
  lines.push(`import pc from '@gcsdk/platform-client';`, `import * as named from '@gcsdk/platform-client';`, umbrellaUse('pc', 'named'));
  return `${lines.join('\n')}\n`;
}

/** CJS source (`.cts` under node16): `import x = require()`, as TypeScript writes `require` with types. */
function cjsSource(entries) {
  const lines = [HELPERS];
  entries.forEach(({ name, symbol }, i) => {
    lines.push(`import m${i} = require('${name}');`, `notAny.push(false as IsAny<typeof m${i}.${symbol}>);`);
  });
  lines.push(`import pc = require('@gcsdk/platform-client');`, umbrellaUse('pc', 'pc'));
  return `${lines.join('\n')}\n`;
}

const STRICT = {
  strict: true,
  noUncheckedIndexedAccess: true,
  exactOptionalPropertyTypes: true,
  noImplicitOverride: true,
  noEmit: true,
  skipLibCheck: false,
  target: 'ES2022',
};

/** Plain Node: require / import every package, use the main symbols, print what was found. */
function runtimeSource(entries, format) {
  // CJS requires each package where it is used; ESM imports it as `m<i>` at the top.
  const load = format === 'cjs' ? (name) => `require(${JSON.stringify(name)})` : (_name, i) => `m${i}`;
  const imports = format === 'esm' ? entries.map(({ name }, i) => `import * as m${i} from ${JSON.stringify(name)};`) : [];
  const checks = entries.map(
    ({ name, symbol }, i) => `check(${JSON.stringify(name)}, typeof ${load(name, i)}[${JSON.stringify(symbol)}] === 'function');`,
  );
  const umbrella =
    format === 'cjs'
      ? `const pc = require('@gcsdk/platform-client');\ncheck('require().default is the module too', pc.default.UsersApi === pc.UsersApi);`
      : `const pc = pcDefault;\ncheck('default export is the named exports', pcNamed.UsersApi === pc.UsersApi && pcNamed.ApiClient === pc.ApiClient);`;
  if (format === 'esm') imports.push(`import pcDefault, * as pcNamed from '@gcsdk/platform-client';`);
  return `${imports.join('\n')}
const found = [];
const check = (what, ok) => found.push(ok ? 'ok ' + what : 'NOT OK ' + what);
${checks.join('\n')}
${umbrella}
check('umbrella: ApiClient.instance is the shared client', pc.ApiClient.instance === pc.ApiClient);
check('umbrella: new UsersApi() uses it', new pc.UsersApi().apiClient === pc.ApiClient.instance);
check('umbrella: Models has no runtime value', !('Models' in pc));
pc.ApiClient.close();
process.stdout.write(JSON.stringify(found));
`;
}

/**
 * Plain Node against the installed @gcsdk/api-users: the per-call options reach the core. A server that
 * takes requests and never answers; `signal` aborted once the request arrived, then `timeout: 200`.
 */
const OPTIONS_SOURCE = `import { createServer } from 'node:http';
import { AbortError, ApiClient, TimeoutError } from '@gcsdk/core';
import { UsersApi } from '@gcsdk/api-users';

const server = createServer(() => undefined);
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const client = new ApiClient({ readConfigFile: false });
client.setGateway({ host: '127.0.0.1', protocol: 'http', port: server.address().port });
client.setAccessToken('packaging-token');
client.setRetryOptions({ enabled: false });
const api = new UsersApi(client);
const outcome = (promise) =>
  promise.then(
    () => 'resolved',
    (error) => ({ isError: error instanceof Error, name: error?.name, abort: error instanceof AbortError, timeout: error instanceof TimeoutError }),
  );
const controller = new AbortController();
server.once('request', () => controller.abort());
const aborted = await outcome(api.getUsersMe({ signal: controller.signal }));
const timedOut = await outcome(api.getUsersMe({ timeout: 200 }));
client.close();
server.closeAllConnections();
server.close();
process.stdout.write(JSON.stringify({ aborted, timedOut }));
`;

/** The main export of each hand-written package; an api package's is its class. */
const MAIN_SYMBOLS = {
  '@gcsdk/core': 'ApiClient',
  '@gcsdk/mock-server': 'startMockServer',
  '@gcsdk/notifications': 'createNotificationClient',
};

/** Writes the consumer project: sources and one tsconfig per resolution mode. */
export function writeConsumer(dir, packages) {
  const entries = packages
    .filter((p) => p.name !== '@gcsdk/platform-client')
    .map(({ name }) => ({
      name,
      symbol: MAIN_SYMBOLS[name] ?? apiClassOf(dir, name),
    }));
  writeFileSync(join(dir, 'package.json'), `${JSON.stringify({ name: 'consumer', private: true, type: 'commonjs' }, null, 2)}\n`);
  mkdirSync(join(dir, 'node16'), { recursive: true });
  mkdirSync(join(dir, 'bundler'), { recursive: true });
  writeFileSync(join(dir, 'node16/consumer.mts'), esmSource(entries));
  writeFileSync(join(dir, 'node16/consumer.cts'), cjsSource(entries));
  writeFileSync(join(dir, 'bundler/consumer.ts'), esmSource(entries));
  const tsconfig = (compilerOptions, include) =>
    `${JSON.stringify({ compilerOptions: { ...STRICT, ...compilerOptions }, include }, null, 2)}\n`;
  // A Node consumer: Node's own types, no DOM.
  writeFileSync(
    join(dir, 'tsconfig.node16.json'),
    tsconfig({ module: 'node16', moduleResolution: 'node16', lib: ['ES2022'], types: ['node'] }, ['node16/*']),
  );
  // A bundler consumer (browser app): the DOM, no Node types.
  writeFileSync(
    join(dir, 'tsconfig.bundler.json'),
    tsconfig({ module: 'esnext', moduleResolution: 'bundler', lib: ['ES2022', 'DOM'], types: [] }, ['bundler/*']),
  );
  writeFileSync(join(dir, 'run.cjs'), runtimeSource(entries, 'cjs'));
  writeFileSync(join(dir, 'run.mjs'), runtimeSource(entries, 'esm'));
  writeFileSync(join(dir, 'options.mjs'), OPTIONS_SOURCE);
  return entries;
}

/** Compiles the consumer under one tsconfig; resolves to tsc's output (empty when clean), rejects never. */
export async function compile(dir, config) {
  const tsc = rootRequire.resolve('typescript/bin/tsc');
  try {
    await run(process.execPath, [tsc, '-p', config, '--pretty', 'false'], { cwd: dir, maxBuffer: 64 * 1024 * 1024 });
    return '';
  } catch (error) {
    return `${error.stdout ?? ''}${error.stderr ?? ''}` || String(error);
  }
}

/** Runs run.cjs or run.mjs in plain Node from the consumer folder (HOME there: no user configuration file). */
export async function runEntry(dir, file) {
  const { stdout } = await run(process.execPath, [file], {
    cwd: dir,
    env: { ...process.env, HOME: dir, USERPROFILE: dir },
    timeout: 60_000,
  });
  return JSON.parse(stdout);
}
