/** The published shape: ESM, CJS and browser builds and declarations, each loadable, the browser one free of Node built-ins. */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join } from 'node:path';

const root = join(__dirname, '..');
// Built into a temporary folder inside the package (so that its dependencies resolve): dist/ may be in use by the builds of the packages that depend on the core.
const out = mkdtempSync(join(root, '.test-build-'));
const dist = (path: string) => join(out, path);

beforeAll(() => {
  execFileSync(process.execPath, [join(root, 'scripts/build.mjs'), '--out', out], { cwd: root, stdio: 'pipe' });
}, 120_000);
afterAll(() => rmSync(out, { recursive: true, force: true }));

it('builds every entry point named in package.json', () => {
  type Conditions = { [condition: string]: string | Conditions };
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { exports: { '.': Conditions }; sideEffects: boolean };
  // Every file a condition names, nested ones too (`import: { types, default }`).
  const targets = (c: Conditions): string[] => Object.values(c).flatMap((v) => (typeof v === 'string' ? [v] : targets(v)));
  expect(targets(pkg.exports['.'])).toContain('./dist/types/index.d.mts');
  for (const target of targets(pkg.exports['.'])) expect(existsSync(dist(target.replace('./dist/', '')))).toBe(true);
  expect(pkg.sideEffects).toBe(false);
});

it('loads from CommonJS and from ESM with the same surface, without loading axios', () => {
  const script = (load: string) =>
    `${load}.then((m) => { const c = new m.ApiClient({ readConfigFile: false }); process.stdout.write(JSON.stringify({ keys: Object.keys(m).sort(), axios: Object.keys(require.cache ?? {}).some((k) => k.includes('/axios/')), version: m.VERSION, cls: typeof c.callApi })); })`;
  const cjs = JSON.parse(
    execFileSync(process.execPath, ['-e', script(`Promise.resolve(require(${JSON.stringify(dist('cjs/index.cjs'))}))`)]).toString(),
  );
  const esm = JSON.parse(
    execFileSync(process.execPath, ['--input-type=commonjs', '-e', script(`import(${JSON.stringify(dist('esm/index.mjs'))})`)]).toString(),
  );
  expect(cjs.keys).toEqual(esm.keys);
  expect(cjs.keys).toEqual(
    expect.arrayContaining(['ApiClient', 'ApiError', 'PureCloudRegionHosts', 'paginate', 'FetchHttpClient', 'DefaultHttpClient']),
  );
  expect(cjs.axios).toBe(false);
  expect(cjs.version).toBe(JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).version);
  expect(cjs.cls).toBe('function');
});

it('keeps Node built-ins out of the browser build', () => {
  const code = readFileSync(dist('browser/index.mjs'), 'utf8');
  const imported = [...code.matchAll(/(?:from\s*|import\s*\(\s*|require\s*\(\s*)["']([^"']+)["']/g)].map((m) => m[1]!);
  const builtins = imported.filter((name) => name.startsWith('node:') || builtinModules.includes(name));
  expect(builtins).toEqual([]);
  expect(imported).toEqual(['axios']);
});

it('a page that bundles the browser build and never selects DefaultHttpClient ships no axios: fetch is the default there', async () => {
  const { build } = await import('esbuild');
  const page = `import { ApiClient } from ${JSON.stringify(dist('browser/index.mjs'))};
    const client = new ApiClient();
    client.setAccessToken('t');
    globalThis.send = () => client.callApi('/api/v2/users/me', 'GET', {}, {}, {}, {}, null, ['PureCloud OAuth'], [], []);
    globalThis.transport = client.getHttpClient().constructor.name;`;
  const result = await build({
    stdin: { contents: page, resolveDir: root, loader: 'js' },
    bundle: true,
    minify: true,
    format: 'iife',
    platform: 'browser',
    write: false,
    metafile: true,
    logLevel: 'silent',
  });
  const [output] = Object.values(result.metafile.outputs);
  const shipped = Object.entries(output!.inputs)
    .filter(([, input]) => input.bytesInOutput > 0)
    .map(([path]) => path);
  expect(shipped.some((path) => path.includes('browser/index.mjs'))).toBe(true);
  expect(shipped.filter((path) => path.includes('node_modules/axios/'))).toEqual([]);
  // axios's browser adapter is XMLHttpRequest: none of it may be left.
  expect(result.outputFiles[0]!.text).not.toMatch(/XMLHttpRequest/);
}, 60_000);

it('emits declarations', () => {
  const types = readFileSync(dist('types/index.d.ts'), 'utf8');
  expect(types).toContain('ApiClient');
  expect(readFileSync(dist('types/ApiClient.d.ts'), 'utf8')).toContain('callApi(');
});
