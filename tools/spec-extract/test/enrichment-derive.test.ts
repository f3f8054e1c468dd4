/** Deriving spec/enrichment.json from git copies of the two SDK repositories, and the CLI around it. */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { main } from '../src/cli';
import { deriveEnrichment, serializeEnrichment } from '../src/enrichment/derive';
import { readFiles } from '../src/enrichment/git-batch';
import { readEnrichment } from '../src/enrichment/read';
import { FIXTURE_SDK } from './helpers';

const WIDGETS_API_MD = (permission: string) => `# WidgetsApi

## getWidget

> Widget getWidget(widgetId, opts)

GET /api/v2/widgets/{widgetId}

Requires ALL permissions:

* ${permission}

### Parameters

 **widgetId** | **String** | Widget ID |  |
 **expand** | **[String]** | Which fields to expand | [optional] <br />**Values**: gadgets, parent |
`;

const GADGETS_API_MD = `# GadgetsApi

## getWidget

> Widget getWidget(widgetId, opts)

GET /api/v2/widgets/{widgetId}

Requires ALL permissions:

* widgets:widget:view

### Parameters

 **widgetId** | **String** | Widget ID |  |
 **expand** | **[String]** | Which fields to expand | [optional] <br />**Values**: gadgets, parent |

## getGadgetsCalendar

> Calendar getGadgetsCalendar(opts)

GET /api/v2/gadgets/calendar

Requires NO permissions:
`;

const WIDGET_PY = `class Widget(object):
    def __init__(self) -> None:
        self.swagger_types = {
            'version': 'int',
            'state': 'str'
        }

        self.attribute_map = {
            'version': 'version',
            'state': 'state'
        }

    @property
    def version(self) -> int:
        """
        Gets the version of this Widget.
        The widget's version.

        :return: The version of this Widget.
        """
        return self._version

    @state.setter
    def state(self, state: str) -> None:
        allowed_values = ["active", "retired", "outdated_sdk_version"]
`;

describe('deriveEnrichment from git directories', () => {
  let dir: string;
  let jsCommits: string[];
  const repo = (name: string) => join(dir, name, '.git');
  const git = (name: string, ...args: string[]) => execFileSync('git', ['-C', join(dir, name), ...args], { encoding: 'utf8' }).trim();
  const commit = (name: string, files: Record<string, string>) => {
    for (const [path, text] of Object.entries(files)) {
      mkdirSync(dirname(join(dir, name, path)), { recursive: true });
      writeFileSync(join(dir, name, path), text);
    }
    git(name, 'add', '.');
    git(name, 'commit', '-q', '-m', 'release');
    return git(name, 'rev-parse', 'HEAD');
  };

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'enrich-git-'));
    for (const name of ['js', 'python']) {
      mkdirSync(join(dir, name));
      git(name, 'init', '-q');
      git(name, 'config', 'user.email', 't@example.com');
      git(name, 'config', 'user.name', 'T');
    }
    jsCommits = [
      commit('js', {
        'build/package.json': JSON.stringify({ version: '1.0.0' }),
        'build/docs/WidgetsApi.md': WIDGETS_API_MD('widgets:widget:view'),
        'build/docs/GadgetsApi.md': GADGETS_API_MD,
        'build/docs/index.md': '# not an API class\n## getWidget\n',
      }),
      commit('js', {
        'build/package.json': JSON.stringify({ version: '2.0.0' }),
        'build/docs/WidgetsApi.md': WIDGETS_API_MD('widgets:widget:read'),
      }),
    ];
    commit('python', {
      'build/pyproject.toml': '[project]\nname = "PureCloudPlatformClientV2"\nversion = "1.5.0"\n',
      'build/PureCloudPlatformClientV2/models/__init__.py': 'from .widget import Widget\n',
      'build/PureCloudPlatformClientV2/models/widget.py': WIDGET_PY,
    });
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('reads both repositories at a commit, with their releases, into a sorted, minimal document', () => {
    const { document, stats, notes } = deriveEnrichment({ jsRepo: repo('js'), jsCommit: 'HEAD~1', pythonRepo: repo('python') });
    expect(document.sources.map((s) => [s.repository, s.commit, s.release, s.license])).toEqual([
      ['MyPureCloud/platform-client-sdk-javascript', jsCommits[0], '1.0.0', 'MIT'],
      ['MyPureCloud/platform-client-sdk-python', git('python', 'rev-parse', 'HEAD'), '1.5.0', 'MIT'],
    ]);
    expect(document.operations).toEqual({
      getWidget: {
        permissions: { type: 'ALL', list: ['widgets:widget:view'] },
        params: { expand: { enum: ['gadgets', 'parent'], array: true } },
      },
    });
    expect(document.models).toEqual({
      Widget: {
        properties: { version: { kind: 'integer', description: "The widget's version." }, state: { enum: ['active', 'retired'] } },
      },
    });
    expect(stats).toMatchObject({ jsFiles: 2, pythonFiles: 2 });
    expect(notes).toEqual([]);
    const text = serializeEnrichment(document);
    expect(text.indexOf('"commit"')).toBeLessThan(text.indexOf('"repository"'));
    expect(text.indexOf('"state"')).toBeLessThan(text.indexOf('"version"'));
  });

  it('refuses an operation two classes document differently', () => {
    expect(() => deriveEnrichment({ jsRepo: repo('js'), pythonRepo: repo('python') })).toThrow(
      'build/docs/WidgetsApi.md: getWidget is documented differently in another class',
    );
  });

  it('names a commit it cannot find, and a repository without the expected files', () => {
    expect(() => deriveEnrichment({ jsRepo: repo('js'), jsCommit: 'deadbeef', pythonRepo: repo('python') })).toThrow(
      /git rev-parse --verify deadbeef\^\{commit\} in .* failed/,
    );
    expect(() => deriveEnrichment({ jsRepo: repo('python'), pythonRepo: repo('python') })).toThrow('has no build/docs/*Api.md');
  });

  it('reads many files through one git cat-file process, leaving out paths the tree lacks', () => {
    const files = readFiles(repo('js'), jsCommits[0]!, ['build/docs/GadgetsApi.md', 'no/such/file', 'build/package.json']);
    expect([...files.keys()]).toEqual(['build/docs/GadgetsApi.md', 'build/package.json']);
    expect(files.get('build/docs/GadgetsApi.md')).toBe(GADGETS_API_MD);
  });

  describe('the CLI', () => {
    let out = '';
    beforeEach(() => {
      out = '';
      jest.spyOn(process.stdout, 'write').mockImplementation((chunk) => ((out += String(chunk)), true));
    });
    afterEach(() => jest.restoreAllMocks());

    it('enrich writes the file, deterministically, and --check compares it', async () => {
      const file = join(dir, 'enrichment.json');
      const args = ['enrich', '--js-repo', repo('js'), '--js-commit', jsCommits[0]!, '--python-repo', repo('python'), '--out', file];
      expect(await main(args)).toBe(0);
      const first = readFileSync(file, 'utf8');
      expect(await main(args)).toBe(0);
      expect(readFileSync(file, 'utf8')).toBe(first);
      expect(readEnrichment(file).sources[0]!.release).toBe('1.0.0');
      expect(await main([...args, '--check'])).toBe(0);
      writeFileSync(file, first.replace('widgets:widget:view', 'widgets:widget:edit'));
      expect(await main([...args, '--check'])).toBe(1);
      expect(out).toMatch(/1 operations from .* 1\.0\.0 .*2 files in \d+ ms\), 1 models from .* 1\.5\.0/);
      await expect(main(['enrich', '--python-repo', repo('python')])).rejects.toThrow('enrich needs --js-repo DIR');
    });

    it('extract merges an --enrichment file, --check sees it, and --no-enrichment leaves it out', async () => {
      const file = join(dir, 'fixture-enrichment.json');
      const { document } = deriveEnrichment({ jsRepo: repo('js'), jsCommit: jsCommits[0], pythonRepo: repo('python') });
      writeFileSync(file, serializeEnrichment(document));
      const spec = join(dir, 'spec.json');
      const extract = ['extract', '--sdk-dir', FIXTURE_SDK, '--quiet', '--out', spec];
      expect(await main([...extract, '--enrichment', file])).toBe(0);
      const doc = JSON.parse(readFileSync(spec, 'utf8'));
      const getWidget = doc.paths['/api/v2/widgets/{widgetId}'].get;
      expect(getWidget['x-inin-requires-permissions']).toEqual({ type: 'ALL', permissions: ['widgets:widget:view'] });
      expect(getWidget.parameters.find((p: { name: string }) => p.name === 'expand').items).toEqual({
        type: 'string',
        enum: ['gadgets', 'parent'],
      });
      expect(doc.definitions.Widget.properties.version).toEqual({ type: 'integer', description: "The widget's version." });
      // The reference already has its own enum for state; it wins.
      expect(doc.definitions.Widget.properties.state.enum).toEqual(['active', 'retired']);
      expect(doc.info['x-enrichment'].sources).toHaveLength(2);
      expect(await main([...extract, '--enrichment', file, '--check'])).toBe(0);
      expect(await main([...extract, '--no-enrichment', '--check'])).toBe(1);
      await expect(main([...extract, '--enrichment', file, '--no-enrichment'])).rejects.toThrow('not both');
      await expect(main([...extract, '--enrichment', join(dir, 'missing.json')])).rejects.toThrow('cannot read the enrichment');

      out = '';
      expect(await main(['coverage', '--sdk-dir', FIXTURE_SDK, '--quiet', '--enrichment', file])).toBe(0);
      expect(out).toMatch(/operations with required permissions\s+1\n/);
      expect(out).toMatch(/parameters with an enum\s+1\n/);
      expect(out).toMatch(/properties typed integer \(were number\)\s+1\n/);
    });
  });
});

describe('readEnrichment', () => {
  let dir: string;
  beforeAll(() => (dir = mkdtempSync(join(tmpdir(), 'enrich-read-'))));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it.each([
    ['not JSON', 'is not valid JSON'],
    ['[]', 'is not a JSON object'],
    ['{"sources":[],"operations":{"a":{"permissions":{"type":"SOME","list":["x"]}}},"models":{}}', 'operations.a.permissions is not'],
    ['{"sources":[],"operations":{},"models":{"M":{"properties":{"p":{"kind":"long"}}}}}', 'models.M.properties.p.kind is not one of'],
    ['{"sources":[{"repository":"r"}],"operations":{},"models":{}}', 'sources[0].commit is not a string'],
  ])('refuses %s', (text, message) => {
    const file = join(dir, 'e.json');
    writeFileSync(file, text);
    expect(() => readEnrichment(file)).toThrow(message);
  });
});
