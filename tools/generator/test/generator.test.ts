/** The generator on a small spec that exercises every construct, and on the real spec. */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Project } from 'ts-morph';
import type { SwaggerDocument } from '@gcsdk/spec-extract';
import { checkFiles, planFiles, removeStaleFiles, writeFiles } from '../src/generate.js';
import { groupByTag, RESERVED_OPTION_NAMES } from '../src/model.js';
import { HEADER } from '../src/emit.js';

const fixtureText = readFileSync(join(__dirname, 'fixtures/mini.swagger.json'), 'utf8');
const fixture = JSON.parse(fixtureText) as SwaggerDocument;
const ROOT = '/virtual';
const plan = () => planFiles({ root: ROOT, spec: fixture, specText: fixtureText });
/** @gcsdk/core, as far as generated code uses it: its main entry and `@gcsdk/core/internal`. */
const addCoreStub = (project: Project) => {
  project.createSourceFile('/node_modules/@gcsdk/core/index.d.ts', readFileSync(join(__dirname, 'fixtures/core-stub.d.ts'), 'utf8'));
  project.createSourceFile(
    '/node_modules/@gcsdk/core/internal.d.ts',
    readFileSync(join(__dirname, 'fixtures/core-internal-stub.d.ts'), 'utf8'),
  );
};
const file = (files: Map<string, string>, path: string) => {
  const text = files.get(join(ROOT, path));
  if (text === undefined) throw new Error(`not generated: ${path}`);
  return text;
};

describe('grouping', () => {
  it('puts an operation in each of its tags and finds each group’s models transitively', () => {
    const groups = groupByTag(fixture);
    expect(groups.map((g) => [g.tag, g.className, g.slug, g.operations.map((o) => o.id)])).toEqual([
      ['Widgets', 'WidgetsApi', 'widgets', ['getWidget', 'getWidgets', 'postWidgetParts', 'putWidget']],
      ['AI Gadgets', 'AIGadgetsApi', 'ai-gadgets', ['deleteGadgets', 'getGadgets', 'getWidget']],
    ]);
    expect(groups[0]!.models).toEqual(['Record', 'Widget', 'WidgetEntityListing', 'WidgetsApi']);
  });
});

describe('emitted code', () => {
  const files = plan();
  const api = file(files, 'packages/api-widgets/src/WidgetsApi.ts');
  const models = file(files, 'packages/api-widgets/src/models.ts');

  it('marks every generated source file', () => {
    for (const [path, text] of files) if (/\.(ts|cjs)$/.test(path)) expect(text.startsWith(`${HEADER}\n`)).toBe(true);
  });

  it('writes positional required arguments in spec order, then opts, with typed results', () => {
    expect(api).toContain(
      'getWidget(widgetId: string, opts?: { expand?: string[]; sortOrder?: "asc" | "desc" | (string & {}); _default?: boolean; ifMatch?: string; customHeaders?: Record<string, string>; signal?: AbortSignal; timeout?: number; }): Promise<Models.Widget>',
    );
    expect(api).toContain(
      'putWidget(widgetId: string, body: Models.Widget, pageSize: number, opts?: { customHeaders?: Record<string, string>; signal?: AbortSignal; timeout?: number; }): Promise<{ [key: string]: string; }>',
    );
    expect(file(files, 'packages/api-ai-gadgets/src/AIGadgetsApi.ts')).toContain(
      'deleteGadgets(opts?: { customHeaders?: Record<string, string>; signal?: AbortSignal; timeout?: number; }): Promise<void>',
    );
  });

  it('declares the methods in an interface merged with the class, which the core fills from the operation table', () => {
    expect(api).toContain(`import { ApiClient } from '@gcsdk/core';\nimport { defineOperations } from '@gcsdk/core/internal';`);
    expect(api).toMatch(/^export interface WidgetsApi \{$/m);
    expect(api).toMatch(
      /^export class WidgetsApi \{\n {2}declare readonly apiClient: ApiClient;\n\n.*\n {2}constructor\(apiClient\?: ApiClient\) \{\n {4}this\.apiClient = apiClient \?\? ApiClient\.instance;\n {2}\}\n\}$/m,
    );
    expect(api).not.toContain('invoke(');
  });

  it('writes one table line per operation, sorted by path: wire names, formats, required arguments, non-JSON types', () => {
    expect(api).toContain(
      [
        'defineOperations(WidgetsApi, `G0widgets ?pageSize ?pageNumber ?state ?sortOrder ?kinds* ?level',
        'G1{} ?expand* ?sortOrder=sort.order ?_default=default ^ifMatch=If-Match',
        'U2 #! ?pageSize! <scim+json >scim+json',
        'P2parts #!`);',
      ].join('\n'),
    );
  });

  it('documents summary, parameters, HTTP line, defaults, deprecation and preview, escaping comment ends', () => {
    expect(api).toContain('Get a widget *\\/ safely');
    expect(api).toContain('`GET /api/v2/widgets/{widgetId}`');
    expect(api).toContain('@param widgetId - Widget ID');
    expect(api).toContain('@param opts._default - default (default: false)');
    expect(api).toContain('@param opts.signal - Aborts the call');
    expect(api).toContain("@param opts.timeout - Milliseconds each attempt may take (default: the client's timeout; 0 for none)");
    expect(api).toContain('@deprecated');
    expect(api).toContain('Preview: this resource is in preview');
  });

  it('writes models as types, quoting names and avoiding the global Record', () => {
    expect(models).toContain(
      'export interface Widget {\n  id: string;\n  "self-uri"?: string;\n  parts?: Record[];\n  grid?: number[][];\n  labels?: { [key: string]: WidgetsApi; };\n  kind?: "a" | "b" | (string & {});\n',
    );
    expect(models).not.toContain('Unused');
  });

  it('does not re-export a model that collides with the class name', () => {
    expect(file(files, 'packages/api-widgets/src/index.ts')).toBe(
      `${HEADER}\nexport { WidgetsApi } from './WidgetsApi.js';\nexport type { Record, Widget, WidgetEntityListing } from './models.js';\n`,
    );
  });

  it('type-checks', () => {
    const project = new Project({
      useInMemoryFileSystem: true,
      compilerOptions: { strict: true, noUncheckedIndexedAccess: true, target: 9, module: 1, skipLibCheck: true },
    });
    addCoreStub(project);
    for (const [path, text] of files)
      if (path.endsWith('.ts') && path.includes('/api-') && path.includes('/src/')) project.createSourceFile(path, text);
    // The methods are typed through the interface merged with the class.
    project.createSourceFile(
      '/virtual/packages/api-widgets/src/use.ts',
      `import { WidgetsApi } from './WidgetsApi.js';
      import type * as Models from './models.js';
      const api = new WidgetsApi();
      export const widget: Promise<Models.Widget> = api.getWidget('w', { expand: ['a'], signal: AbortSignal.timeout(1) });
      // @ts-expect-error the required argument
      api.getWidget();
      // @ts-expect-error an unknown option
      api.getWidget('w', { expands: [] });
      export const client = api.apiClient;`,
    );
    const diagnostics = project.getPreEmitDiagnostics().map((d) => `${d.getSourceFile()?.getFilePath()}: ${String(d.getMessageText())}`);
    expect(diagnostics.filter((d) => !d.includes('lib.'))).toEqual([]);
  });

  it('is deterministic', () => {
    expect([...plan()]).toEqual([...files]);
  });
});

describe('enums, integers, dates, descriptions and permissions', () => {
  const files = plan();
  const api = file(files, 'packages/api-widgets/src/WidgetsApi.ts');
  const models = file(files, 'packages/api-widgets/src/models.ts');
  /** The TSDoc block of a method of the API interface. */
  const methodDoc = (name: string) => {
    const m = new RegExp(`/\\*\\*\\n((?: {3}\\*.*\\n)+) {3}\\*/\\n {2}${name}\\(`).exec(api);
    if (!m) throw new Error(`no TSDoc for ${name}`);
    return m[1]!;
  };

  it('writes string enums as open unions (also in arrays), number enums closed, one line each', () => {
    expect(api).toContain(
      'state?: "active" | "inactive" | "deleted" | "any" | (string & {}); sortOrder?: "ascending" | "descending" | (string & {}); kinds?: Array<"a" | "b" | (string & {})>; level?: 1 | 2 | 3;',
    );
    expect(models).toContain('  state?: "active" | "inactive" | "deleted" | (string & {});\n');
    expect(models).toContain('  tags?: Array<"x" | "y" | (string & {})>;\n');
    expect(models).toContain('  level?: 1 | 2 | 3;\n');
    // No alias per enum: the union is written where it is used.
    expect(models).not.toMatch(/^export type/m);
  });

  it('documents models and properties: description, integers, dates; nothing when there is nothing to say', () => {
    expect(models).toContain('/** A widget: parts on a grid. */\nexport interface Widget {');
    expect(models).toContain("  /** The widget's state */\n  state?:");
    expect(models).toContain('  /** How many parts it has. Integer. */\n  partCount?: number;');
    expect(models).toContain('  /** Integers. */\n  sizes?: number[];');
    expect(models).toContain('  /** Date, ISO 8601 (`YYYY-MM-DD`). */\n  madeOn?: string;');
    expect(models).toContain('  /** When it last changed. *\\/ Not a comment end. Date and time, ISO 8601. */\n  updated?: string;');
    expect(models).toContain('  /** Integer. */\n  value?: number;');
    // An enum's union says what a note would: no "Integer." on it; no empty blocks.
    expect(models).toContain('  tags?: Array<"x" | "y" | (string & {})>;\n  level?: 1 | 2 | 3;');
    expect(models).not.toContain('/**  */');
    // Descriptions that restate the name ("The URI for this object" on self-uri) say nothing: left out.
    expect(models).toContain('export interface Widget {\n  id: string;\n  "self-uri"?: string;\n');
    expect(models).toMatch(/^export interface WidgetsApi \{\n {2}name\?: string;\n\}/m);
  });

  it('lists the permissions an operation requires, after its HTTP line and before its parameters', () => {
    expect(methodDoc('getWidget')).toContain(
      ' * `GET /api/v2/widgets/{widgetId}`\n   *\n   * Requires ANY of these permissions: `widgets:widget:view`, `widgets:widget:edit`.\n   * @param widgetId',
    );
    expect(methodDoc('putWidget')).toContain('Requires ALL of these permissions: `widgets:widget:edit`.\n');
    expect(methodDoc('postWidgetParts')).toContain('Requires no permissions.\n');
    expect(methodDoc('getWidgets')).not.toContain('Requires');
  });

  it('keeps parameter docs short: the union shows the values, the default is still named', () => {
    expect(methodDoc('getWidgets')).toContain('@param opts.sortOrder - Ascending or descending sort order (default: "ASC")\n');
    expect(methodDoc('getWidgets')).toContain('@param opts.state - state\n');
  });

  it('a strict consumer gets the known values, may send an unknown string, and may not send a number', () => {
    const project = new Project({
      useInMemoryFileSystem: true,
      compilerOptions: {
        strict: true,
        noUncheckedIndexedAccess: true,
        exactOptionalPropertyTypes: true,
        target: 9,
        module: 1,
        skipLibCheck: true,
      },
    });
    addCoreStub(project);
    for (const [path, text] of files) if (path.endsWith('.ts') && path.includes('/api-widgets/src/')) project.createSourceFile(path, text);
    project.createSourceFile(
      '/virtual/packages/api-widgets/src/consumer.ts',
      `import { WidgetsApi } from './WidgetsApi.js';
      import type { Widget } from './models.js';
      type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
      // Exclude, not NonNullable: NonNullable<T> is T & {}, which folds (string & {}) and the literals into string.
      type State = Exclude<NonNullable<Parameters<WidgetsApi['getWidgets']>[0]>['state'], undefined>;
      export const stateIsOpenUnion: Equal<State, 'active' | 'inactive' | 'deleted' | 'any' | (string & {})> = true;
      export const modelStateIsOpenUnion: Equal<Exclude<Widget['state'], undefined>, 'active' | 'inactive' | 'deleted' | (string & {})> = true;
      const api = new WidgetsApi();
      export const known = api.getWidgets({ state: 'active', kinds: ['a', 'b'], level: 2 });
      export const unknownValue = api.getWidgets({ state: 'archived', kinds: ['c'], sortOrder: 'ASC' });
      // @ts-expect-error a number is not a state
      export const numeric = api.getWidgets({ state: 1 });
      // @ts-expect-error number enums are closed
      export const level = api.getWidgets({ level: 4 });
      export const widget: Widget = { id: 'w', state: 'retired', tags: ['z'] };
      // @ts-expect-error a number is not a state
      export const badWidget: Widget = { id: 'w', state: 2 };
      export function label(w: Widget): string {
        switch (w.state) {
          case 'active':
            return 'on';
          case undefined:
            return 'unknown';
          default:
            return w.state;
        }
      }`,
    );
    const diagnostics = project.getPreEmitDiagnostics().map((d) => `${d.getSourceFile()?.getFilePath()}: ${String(d.getMessageText())}`);
    expect(diagnostics.filter((d) => !d.includes('lib.'))).toEqual([]);
  });
});

describe('reserved option names', () => {
  const reservedText = readFileSync(join(__dirname, 'fixtures/reserved.swagger.json'), 'utf8');
  it.each(RESERVED_OPTION_NAMES)('refuses a spec parameter named %s, naming the operation and the parameter', (name) => {
    const spec = JSON.parse(reservedText.replace('"name": "signal"', `"name": ${JSON.stringify(name)}`)) as SwaggerDocument;
    expect(() => planFiles({ root: ROOT, spec, specText: reservedText })).toThrow(
      new RegExp(
        `^Operation getClocks: the query parameter "${name}" would be named "${name}", which is reserved for the per-call options \\(customHeaders, signal, timeout\\)`,
      ),
    );
  });

  it('accepts the same spec once the parameter has another name', () => {
    const spec = JSON.parse(reservedText.replace('"name": "signal"', '"name": "signals"')) as SwaggerDocument;
    expect(planFiles({ root: ROOT, spec, specText: reservedText }).size).toBeGreaterThan(0);
  });
});

describe('package layout', () => {
  const files = plan();
  const json = (path: string) => JSON.parse(file(files, path)) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

  it.each(['api-widgets', 'api-ai-gadgets', 'platform-client'])(
    '%s: declarations are built from src/ into the paths package.json names',
    (dir) => {
      const pkg = json(`packages/${dir}/package.json`);
      const build = json(`packages/${dir}/tsconfig.build.json`);
      expect(build.compilerOptions).toMatchObject({ rootDir: 'src', outDir: 'dist/types', emitDeclarationOnly: true });
      expect(build.include).toEqual(['src/**/*.ts']);
      // src/index.ts, with rootDir src, becomes dist/types/index.d.ts (and the build writes index.d.mts beside it).
      expect(pkg.types).toBe('./dist/types/index.d.ts');
      expect(pkg.exports['.']).toEqual({
        import: { types: './dist/types/index.d.mts', default: './dist/index.mjs' },
        require: { types: './dist/types/index.d.ts', default: './dist/index.cjs' },
      });
    },
  );

  it('tests api packages against the built mock server: a devDependency, built before test and typecheck', () => {
    const pkg = json('packages/api-widgets/package.json');
    expect(pkg.devDependencies).toEqual({ '@gcsdk/mock-server': '^0.1.0' });
    expect(pkg.scripts.test).toBe('node --import tsx --test test/contract.test.ts');
    expect(pkg.nx.targets.test.dependsOn).toEqual(['build', '^build']);
    expect(pkg.nx.targets.typecheck.dependsOn).toEqual(['build', '^build']);
    expect(json('packages/api-widgets/tsconfig.json').include).toEqual(['src/**/*.ts', 'test/**/*.ts']);
  });

  it('links the README to the package’s pages of the API reference site, at the paths TypeDoc writes', () => {
    const readme = file(files, 'packages/api-widgets/README.md');
    expect(readme).toContain('run `npm run docs`');
    expect(readme).toContain('`docs/site/classes/_gcsdk_api-widgets.WidgetsApi.html`');
    expect(readme).toContain('`docs/site/modules/_gcsdk_api-widgets.html`');
  });
});

describe('the umbrella', () => {
  const files = plan();

  it('has every model of the spec as types, under Models, also through the default export', () => {
    const models = file(files, 'packages/platform-client/src/models.ts');
    // Re-exported from the first package that exports it (not api-widgets for WidgetsApi: its class has
    // that name); declared only when no package reaches it.
    expect(models).toBe(
      [
        HEADER,
        `import type { Record, Widget, WidgetEntityListing } from '@gcsdk/api-widgets';`,
        `import type { GadgetListing, WidgetsApi } from '@gcsdk/api-ai-gadgets';`,
        'export type { GadgetListing, Record, Widget, WidgetEntityListing, WidgetsApi };',
        'export interface Unused {\n}\n',
      ].join('\n'),
    );
    expect(models).not.toMatch(/^(const|function|class|let|var)\b|^export (const|function|class)\b/m);
    expect(file(files, 'packages/platform-client/src/surface.ts')).toContain(`export type * as Models from './models.js';`);
    expect(file(files, 'packages/platform-client/src/index.ts')).toBe(
      `${HEADER}\nimport * as platformClient from './surface.js';\nexport * from './surface.js';\nexport { ApiClient } from './surface.js';\n/** The reference's default export: \`import platformClient from 'purecloud-platform-client-v2'\`. */\nexport default platformClient;\n`,
    );
  });

  it('type-checks: Models.X is a type through the default import and the namespace import', () => {
    const project = new Project({
      useInMemoryFileSystem: true,
      compilerOptions: { strict: true, target: 9, module: 199, moduleResolution: 99, skipLibCheck: true, esModuleInterop: true },
    });
    addCoreStub(project);
    project.createSourceFile('/node_modules/@gcsdk/core/package.json', '{ "name": "@gcsdk/core", "types": "index.d.ts" }');
    for (const [path, text] of files) {
      const m = /\/packages\/(api-[\w-]+)\/src\/(.+)$/.exec(path);
      if (m) project.createSourceFile(`/node_modules/@gcsdk/${m[1]}/${m[2]}`, text);
      else if (path.includes('/platform-client/src/')) project.createSourceFile(path, text);
    }
    for (const dir of ['api-widgets', 'api-ai-gadgets'])
      project.createSourceFile(`/node_modules/@gcsdk/${dir}/package.json`, `{ "name": "@gcsdk/${dir}", "types": "index.ts" }`);
    project.createSourceFile(
      '/virtual/packages/platform-client/consumer.ts',
      `import platformClient from './src/index.js';
      import * as named from './src/index.js';
      import type { Widget } from '@gcsdk/api-widgets';
      type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
      // The very type of the domain package, and every model, reached or not.
      export const sameType: Equal<platformClient.Models.Widget, Widget> = true;
      export const every: [named.Models.WidgetsApi, named.Models.GadgetListing, named.Models.Unused] = [{}, {}, {}];
      const w: platformClient.Models.Widget = { id: 'w' };
      const r: named.Models.Record = { value: 1 };
      // @ts-expect-error id is required
      const bad: platformClient.Models.Widget = {};
      export const uses = [w, r, bad, new platformClient.WidgetsApi(), platformClient.ApiClient];`,
    );
    const diagnostics = project.getPreEmitDiagnostics().map((d) => `${d.getSourceFile()?.getFilePath()}: ${String(d.getMessageText())}`);
    expect(diagnostics.filter((d) => !d.includes('lib.'))).toEqual([]);
  });
});

describe('contract tests', () => {
  const files = plan();
  const test = file(files, 'packages/api-widgets/test/contract.test.ts');

  it('calls a list with paging, a path parameter and a body against the mock, with literal expectations', () => {
    expect(test).toContain(`import { startMockServer, type MockServer } from '@gcsdk/mock-server';`);
    expect(test).toContain('const result = await api.getWidgets({ pageSize: 2, pageNumber: 3 });');
    expect(test).toContain(
      'assert.deepEqual(lastApiRequest(), { method: "GET", path: "/api/v2/widgets", query: "?pageSize=2&pageNumber=3" });',
    );
    expect(test).toContain('const result = await api.getWidget("widgetId ä/1");');
    expect(test).toContain('path: "/api/v2/widgets/widgetId%20%C3%A4%2F1", query: ""');
    expect(test).toContain('const body: Models.Widget = {"id":"contract id"};');
    expect(test).toContain('const result = await api.postWidgetParts("widgetId ä/1", body);');
    expect(test).toContain('assert.deepEqual(JSON.parse(lastWire().body), body);');
  });

  it('without page numbers, reads a cursor list; every result is the body the server sent', () => {
    const gadgets = file(files, 'packages/api-ai-gadgets/test/contract.test.ts');
    expect(gadgets).toContain(`const result = await api.getGadgets({ pageSize: 2, after: "contract-cursor" });`);
    expect(gadgets).toContain('query: "?pageSize=2&after=contract-cursor" });');
    expect(gadgets).toContain('assert.ok(Array.isArray(result.entities));');
    expect(test).toContain('assert.deepEqual(result, JSON.parse(lastWire().answer));');
  });

  it('writes a string-typed paging parameter as a string', () => {
    const text = fixtureText.replace(
      '{ "name": "pageSize", "in": "query", "type": "integer" },\n          { "name": "pageNumber"',
      '{ "name": "pageSize", "in": "query", "type": "string" },\n          { "name": "pageNumber"',
    );
    expect(text).not.toBe(fixtureText);
    const stringly = planFiles({ root: ROOT, spec: JSON.parse(text) as SwaggerDocument, specText: text });
    expect(file(stringly, 'packages/api-widgets/test/contract.test.ts')).toContain('api.getWidgets({ pageSize: "2", pageNumber: 3 })');
  });

  it('sends a path parameter that has an enum one of its values (the mock refuses others)', () => {
    const text = fixtureText.replace(
      '{ "name": "widgetId", "in": "path", "required": true, "type": "string", "description": "Widget ID" }',
      '{ "name": "widgetId", "in": "path", "required": true, "type": "string", "enum": ["w1", "w2"] }',
    );
    expect(text).not.toBe(fixtureText);
    const enumerated = planFiles({ root: ROOT, spec: JSON.parse(text) as SwaggerDocument, specText: text });
    const contract = file(enumerated, 'packages/api-widgets/test/contract.test.ts');
    expect(contract).toContain('const result = await api.getWidget("w1");');
    expect(contract).toContain('path: "/api/v2/widgets/w1", query: ""');
  });

  it('checks the result type exactly (not any), and the per-call options', () => {
    expect(test).toContain('const typed: Equal<typeof result, Models.WidgetEntityListing> = true;');
    expect(test).toContain('const typed: Equal<typeof result, Models.Widget> = true;');
    expect(test).toContain('silentApi.getWidgets({ signal: controller.signal })');
    expect(test).toContain('silentApi.getWidgets({ timeout: 200 })');
  });
});

describe('writing and checking', () => {
  it('--check names what differs, what is missing and stale packages; versions are kept', () => {
    const root = mkdtempSync(join(tmpdir(), 'gcsdk-gen-'));
    try {
      const files = planFiles({ root, spec: fixture, specText: fixtureText });
      expect(checkFiles(files, root, true)[0]).toMatch(/^missing: packages\/api-widgets\//);
      writeFiles(files);
      expect(checkFiles(files, root, true)).toEqual([]);
      const pkgPath = join(root, 'packages/api-widgets/package.json');
      writeFileSync(pkgPath, readFileSync(pkgPath, 'utf8').replace('"version": "0.1.0"', '"version": "2.3.4"'));
      const again = planFiles({ root, spec: fixture, specText: fixtureText });
      expect(JSON.parse(again.get(pkgPath)!).version).toBe('2.3.4');
      writeFileSync(join(root, 'packages/api-widgets/src/models.ts'), 'edited by hand');
      // The umbrella's ^0.1.0 no longer accepts 2.3.4: its range moves too (release-fields.ts).
      expect(checkFiles(again, root, true)).toEqual([
        'differs: packages/api-widgets/src/models.ts',
        'differs: packages/platform-client/package.json',
      ]);
      expect(JSON.parse(again.get(join(root, 'packages/platform-client/package.json'))!).dependencies['@gcsdk/api-widgets']).toBe('^2.3.4');
      writeFiles(again);
      rmSync(join(root, 'packages/api-widgets/src/index.ts'));
      writeFileSync(join(root, 'packages/api-removed'), '');
      expect(checkFiles(again, root, true)).toEqual([
        'missing: packages/api-widgets/src/index.ts',
        'stale package: packages/api-removed (no such tag in the spec)',
      ]);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  it('reports generated files it no longer writes, and removes them (only generated ones)', () => {
    const root = mkdtempSync(join(tmpdir(), 'gcsdk-gen-'));
    try {
      const files = planFiles({ root, spec: fixture, specText: fixtureText });
      writeFiles(files);
      const stale = join(root, 'packages/api-widgets/test/contract.test.cjs');
      const own = join(root, 'packages/api-widgets/test/mine.test.ts');
      writeFileSync(stale, `${HEADER}\nold\n`);
      writeFileSync(own, 'written by hand\n');
      expect(checkFiles(files, root, true)).toEqual(['stale file: packages/api-widgets/test/contract.test.cjs (no longer generated)']);
      expect(removeStaleFiles(files, root)).toBe(1);
      expect(existsSync(stale)).toBe(false);
      expect(existsSync(own)).toBe(true);
      expect(checkFiles(files, root, true)).toEqual([]);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  it('--only writes the named packages and refuses unknown ones', () => {
    const only = planFiles({ root: ROOT, spec: fixture, specText: fixtureText, only: ['ai-gadgets'] });
    expect([...only.keys()].every((p) => p.includes('/packages/api-ai-gadgets/'))).toBe(true);
    expect(() => planFiles({ root: ROOT, spec: fixture, specText: fixtureText, only: ['nope'] })).toThrow(/--only: no tag for nope/);
  });
});

describe('the real spec', () => {
  it('plans 87 packages and the umbrella, 3,468 methods', () => {
    const text = readFileSync(join(__dirname, '../../../spec/platform-api.swagger.json'), 'utf8');
    const groups = groupByTag(JSON.parse(text) as SwaggerDocument);
    expect(groups).toHaveLength(87);
    expect(groups.reduce((n, g) => n + g.operations.length, 0)).toBe(3468);
    expect(new Set(groups.map((g) => g.slug)).size).toBe(87);
  });

  it('gives a strict consumer of @gcsdk/api-users open unions: getUsers({ state }), User.state', () => {
    const text = readFileSync(join(__dirname, '../../../spec/platform-api.swagger.json'), 'utf8');
    type Enumerated = { name: string; enum?: string[] };
    const raw = JSON.parse(text) as {
      paths: Record<string, Record<string, { parameters: Enumerated[] }>>;
      definitions: Record<string, { properties: Record<string, { enum?: string[] }> }>;
    };
    const union = (values: string[] | undefined) => {
      expect(values).toContain('active');
      return [...values!.map((v) => `'${v}'`), '(string & {})'].join(' | ');
    };
    const stateParam = union(raw.paths['/api/v2/users']!['get']!.parameters.find((p) => p.name === 'state')?.enum);
    const stateProperty = union(raw.definitions['User']!.properties['state']?.enum);
    const spec = raw as unknown as SwaggerDocument;
    const files = planFiles({ root: ROOT, spec, specText: text, only: ['users'] });
    const project = new Project({
      useInMemoryFileSystem: true,
      compilerOptions: { strict: true, noUncheckedIndexedAccess: true, target: 9, module: 1, skipLibCheck: true },
    });
    addCoreStub(project);
    for (const [path, source] of files) if (path.includes('/api-users/src/')) project.createSourceFile(path, source);
    project.createSourceFile(
      '/virtual/packages/api-users/src/consumer.ts',
      `import { UsersApi } from './UsersApi.js';
      import type { User } from './models.js';
      type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
      type State = Exclude<NonNullable<Parameters<UsersApi['getUsers']>[0]>['state'], undefined>;
      export const stateParameter: Equal<State, ${stateParam}> = true;
      export const stateProperty: Equal<Exclude<User['state'], undefined>, ${stateProperty}> = true;
      const api = new UsersApi();
      export const known = api.getUsers({ state: 'active', pageSize: 25 });
      export const notYetKnown = api.getUsers({ state: 'suspended' });
      // @ts-expect-error a number is not a state
      export const numeric = api.getUsers({ state: 1 });
      export const user: Pick<User, 'state'> = { state: 'on-leave' };`,
    );
    const diagnostics = project.getPreEmitDiagnostics().map((d) => `${d.getSourceFile()?.getFilePath()}: ${String(d.getMessageText())}`);
    expect(diagnostics.filter((d) => !d.includes('lib.'))).toEqual([]);
  });
});
