/** The generator on a small spec that exercises every construct, and on the real spec. */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Project } from 'ts-morph';
import type { SwaggerDocument } from '@gcsdk/spec-extract';
import { checkFiles, planFiles, writeFiles } from '../src/generate.js';
import { groupByTag } from '../src/model.js';
import { HEADER } from '../src/emit.js';

const fixtureText = readFileSync(join(__dirname, 'fixtures/mini.swagger.json'), 'utf8');
const fixture = JSON.parse(fixtureText) as SwaggerDocument;
const ROOT = '/virtual';
const plan = () => planFiles({ root: ROOT, spec: fixture, specText: fixtureText });
const file = (files: Map<string, string>, path: string) => {
  const text = files.get(join(ROOT, path));
  if (text === undefined) throw new Error(`not generated: ${path}`);
  return text;
};

describe('grouping', () => {
  it('puts an operation in each of its tags and finds each group’s models transitively', () => {
    const groups = groupByTag(fixture);
    expect(groups.map((g) => [g.tag, g.className, g.slug, g.operations.map((o) => o.id)])).toEqual([
      ['Widgets', 'WidgetsApi', 'widgets', ['getWidget', 'putWidget']],
      ['AI Gadgets', 'AIGadgetsApi', 'ai-gadgets', ['deleteGadgets', 'getWidget']],
    ]);
    expect(groups[0]!.models).toEqual(['Record', 'Widget', 'WidgetsApi']);
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
      'getWidget(widgetId: string, opts?: { expand?: string[]; sortOrder?: "asc" | "desc"; _default?: boolean; ifMatch?: string; customHeaders?: Record<string, string>; }): Promise<Models.Widget>',
    );
    expect(api).toContain(
      'putWidget(widgetId: string, body: Models.Widget, pageSize: number, opts?: { customHeaders?: Record<string, string>; }): Promise<{ [key: string]: string; }>',
    );
    expect(file(files, 'packages/api-ai-gadgets/src/AIGadgetsApi.ts')).toContain(
      'deleteGadgets(opts?: { customHeaders?: Record<string, string>; }): Promise<void>',
    );
  });

  it('hands compact descriptors to the core, with wire names, formats and non-JSON types', () => {
    expect(api).toContain(
      `getWidget: { name: 'getWidget', method: 'GET', path: '/api/v2/widgets/{widgetId}', params: [['widgetId', 'path', '', '', 0], ['expand', 'query', '', 'multi'], ['sortOrder', 'query', 'sort.order'], ['_default', 'query', 'default'], ['ifMatch', 'header', 'If-Match']] }`,
    );
    expect(api).toContain(`consumes: ['application/scim+json'], produces: ['application/scim+json']`);
  });

  it('documents summary, parameters, HTTP line, defaults, deprecation and preview, escaping comment ends', () => {
    expect(api).toContain('Get a widget *\\/ safely');
    expect(api).toContain('`GET /api/v2/widgets/{widgetId}`');
    expect(api).toContain('@param widgetId - Widget ID');
    expect(api).toContain('@param opts._default - default (default: false)');
    expect(api).toContain('@deprecated');
    expect(api).toContain('Preview: this resource is in preview');
  });

  it('writes models as types, quoting names and avoiding the global Record', () => {
    expect(models).toContain(
      'export interface Widget {\n  id: string;\n  "self-uri"?: string;\n  parts?: Record[];\n  grid?: number[][];\n  labels?: { [key: string]: WidgetsApi; };\n  kind?: "a" | "b";\n}',
    );
    expect(models).not.toContain('Unused');
  });

  it('does not re-export a model that collides with the class name', () => {
    expect(file(files, 'packages/api-widgets/src/index.ts')).toBe(
      `${HEADER}\nexport { WidgetsApi } from './WidgetsApi.js';\nexport type { Record, Widget } from './models.js';\n`,
    );
  });

  it('type-checks', () => {
    const project = new Project({
      useInMemoryFileSystem: true,
      compilerOptions: { strict: true, noUncheckedIndexedAccess: true, target: 9, module: 1, skipLibCheck: true },
    });
    project.createSourceFile('/node_modules/@gcsdk/core/index.d.ts', readFileSync(join(__dirname, 'fixtures/core-stub.d.ts'), 'utf8'));
    for (const [path, text] of files) if (path.endsWith('.ts') && path.includes('/api-')) project.createSourceFile(path, text);
    const diagnostics = project.getPreEmitDiagnostics().map((d) => `${d.getSourceFile()?.getFilePath()}: ${String(d.getMessageText())}`);
    expect(diagnostics.filter((d) => !d.includes('lib.'))).toEqual([]);
  });

  it('is deterministic', () => {
    expect([...plan()]).toEqual([...files]);
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
      expect(checkFiles(again, root, true)).toEqual(['differs: packages/api-widgets/src/models.ts']);
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
});
