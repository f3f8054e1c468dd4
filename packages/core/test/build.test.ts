/** The published shape: ESM, CJS and browser builds and declarations, each loadable, the browser one free of Node built-ins. */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
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
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { exports: Record<string, Conditions>; sideEffects: boolean };
  // Every file a condition names, nested ones too (`import: { types, default }`).
  const targets = (c: Conditions): string[] => Object.values(c).flatMap((v) => (typeof v === 'string' ? [v] : targets(v)));
  expect(Object.keys(pkg.exports)).toEqual(['.', './internal', './package.json']);
  expect(targets(pkg.exports['.']!)).toContain('./dist/types/index.d.mts');
  for (const entry of ['.', './internal']) {
    for (const target of targets(pkg.exports[entry]!)) expect(existsSync(dist(target.replace('./dist/', '')))).toBe(true);
  }
  expect(pkg.sideEffects).toBe(false);
});

it('gives @gcsdk/core and @gcsdk/core/internal one ApiClient, in CommonJS and in ESM', () => {
  const check = (load: (file: string) => string) =>
    `Promise.all([${load('index')}, ${load('internal')}]).then(([pub, internal]) => process.stdout.write(String(pub.ApiClient === internal.ApiClient && typeof internal.invoke === 'function' && !('invoke' in pub))))`;
  const cjs = execFileSync(process.execPath, [
    '-e',
    check((name) => `Promise.resolve(require(${JSON.stringify(dist(`cjs/${name}.cjs`))}))`),
  ]);
  const esm = execFileSync(process.execPath, ['-e', check((name) => `import(${JSON.stringify(dist(`esm/${name}.mjs`))})`)]);
  expect(cjs.toString()).toBe('true');
  expect(esm.toString()).toBe('true');
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

/** Every file of the browser tree, relative to it. */
function browserFiles(folder = dist('browser'), prefix = ''): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? browserFiles(join(folder, entry.name), `${prefix}${entry.name}/`) : [`${prefix}${entry.name}`],
  );
}

it('ships the browser build as one ES module per source file, with no Node built-in and no Node platform', () => {
  const files = browserFiles();
  expect(files).toEqual(
    expect.arrayContaining(['index.js', 'internal.js', 'ApiClient.js', 'auth/browser-flows.js', 'platform/browser.js']),
  );
  expect(files.filter((file) => /platform\/node|cjs-entry/.test(file))).toEqual([]);
  // Node-only modules are left out (the config file's sync imports the file reader), or replaced by their twins.
  expect(files).toEqual(expect.arrayContaining(['auth/grants.browser.js', 'auth/pkce-grant.js']));
  expect(files.filter((file) => /^(auth\/grants\.js|config\/(file-sync|config-file)\.js)$/.test(file))).toEqual([]);
  const imported = files
    .filter((file) => file.endsWith('.js'))
    .flatMap((file) =>
      [...readFileSync(dist(`browser/${file}`), 'utf8').matchAll(/(?:from\s*|import\s*\(\s*|require\s*\(\s*)["']([^"']+)["']/g)].map(
        (m) => m[1]!,
      ),
    );
  const builtins = imported.filter((name) => name.startsWith('node:') || builtinModules.includes(name));
  expect(builtins).toEqual([]);
  expect(imported.filter((name) => !name.startsWith('.'))).toEqual(['axios']);
  expect(imported.filter((name) => name.includes('platform/node'))).toEqual([]);
  expect(JSON.parse(readFileSync(dist('browser/package.json'), 'utf8'))).toEqual({ type: 'module', sideEffects: false });
});

it('a page that bundles the browser build and never selects DefaultHttpClient ships no axios: fetch is the default there', async () => {
  const { build } = await import('esbuild');
  const page = `import { ApiClient } from ${JSON.stringify(dist('browser/index.js'))};
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
  expect(shipped.some((path) => path.includes('browser/ApiClient.js'))).toBe(true);
  expect(shipped.filter((path) => path.includes('node_modules/axios/'))).toEqual([]);
  // axios's browser adapter is XMLHttpRequest: none of it may be left.
  expect(result.outputFiles[0]!.text).not.toMatch(/XMLHttpRequest/);
}, 60_000);

it('leaves the login flows out of what a page that only sets a token loads: they are separate chunks, fetched when a login is called', async () => {
  const { build } = await import('esbuild');
  const page = `import { ApiClient } from ${JSON.stringify(dist('browser/index.js'))};
    const client = new ApiClient();
    client.setAccessToken('t');
    globalThis.login = () => client.loginPKCEGrant('id', location.href);
    globalThis.send = () => client.callApi('/api/v2/users/me', 'GET', {}, {}, {}, {}, null, ['PureCloud OAuth'], [], []);`;
  const result = await build({
    stdin: { contents: page, resolveDir: root, loader: 'js' },
    bundle: true,
    format: 'esm',
    splitting: true,
    outdir: join(out, 'page'),
    platform: 'browser',
    write: false,
    metafile: true,
    logLevel: 'silent',
  });
  const entry = Object.entries(result.metafile.outputs).find(([, output]) => output.entryPoint === '<stdin>')!;
  // What the page loads before any login: the entry chunk and the chunks it imports statically, transitively.
  const loaded = new Set<string>();
  const load = (path: string): void => {
    if (loaded.has(path)) return;
    loaded.add(path);
    for (const i of result.metafile.outputs[path]!.imports) if (i.kind === 'import-statement') load(i.path);
  };
  load(entry[0]);
  const modules = [...loaded].flatMap((path) => Object.keys(result.metafile.outputs[path]!.inputs));
  expect(modules.some((path) => path.endsWith('request/build.js'))).toBe(true);
  for (const lazy of ['auth/browser-flows.js', 'auth/popup.js', 'auth/grants.browser.js', 'transport/DefaultHttpClient.js'])
    expect(modules.filter((path) => path.endsWith(lazy))).toEqual([]);
  const dynamic = entry[1].imports
    .filter((i) => i.kind === 'dynamic-import')
    .map((i) => Object.keys(result.metafile.outputs[i.path]!.inputs));
  expect(dynamic.flat().some((path) => path.endsWith('auth/browser-flows.js'))).toBe(true);
}, 60_000);

it("the browser build's grants refuse the secret-bearing logins as the Node grants do in a browser, and keep the PKCE exchange", () => {
  const script = `Promise.all([import(${JSON.stringify(dist('browser/auth/grants.browser.js'))}), import(${JSON.stringify(dist('browser/auth/pkce-grant.js'))})]).then(async ([twin, pkce]) => {
    const refused = await twin.clientCredentials({}, 'id', 'secret').then(() => 'resolved', (e) => e.message);
    process.stdout.write(JSON.stringify({ refused, pkce: twin.authorizePKCE === pkce.authorizePKCE, names: Object.keys(twin).sort() }));
  })`;
  const found = JSON.parse(execFileSync(process.execPath, ['--input-type=module', '-e', script]).toString());
  expect(found.refused).toBe(
    'The client credentials grant is not supported in a browser: it needs a client secret, which a web page cannot keep.',
  );
  expect(found.pkce).toBe(true);
  expect(found.names).toEqual(['authorizePKCE', 'clientCredentials', 'codeAuthorization', 'refreshCodeAuthorization', 'saml2Bearer']);
});

it('emits declarations', () => {
  const types = readFileSync(dist('types/index.d.ts'), 'utf8');
  expect(types).toContain('ApiClient');
  expect(readFileSync(dist('types/ApiClient.d.ts'), 'utf8')).toContain('callApi(');
});

it('keeps members marked @internal out of the declarations (stripInternal)', () => {
  const source = (file: string) => readFileSync(join(root, 'src', file), 'utf8');
  // Still in the sources, so that this checks the declarations, not a rename.
  expect(source('ApiClient.ts')).toMatch(/@internal[^\n]*\n\s*buildAuthUrl\(/);
  expect(source('config/Configuration.ts')).toMatch(/@internal[^\n]*\n\s*applyFileValues\(/);
  expect(readFileSync(dist('types/ApiClient.d.ts'), 'utf8')).not.toContain('buildAuthUrl');
  expect(readFileSync(dist('types/config/Configuration.d.ts'), 'utf8')).not.toContain('applyFileValues');
  expect(readFileSync(dist('types/ApiClient.d.ts'), 'utf8')).toContain('testTokenAccess(');
});
