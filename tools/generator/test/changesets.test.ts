/** Changesets written from a spec diff: names, text, what changesets reads back, and `generate --diff-from` end to end. */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import parseChangeset from '@changesets/parse';
import { changesetFiles, changesetPrefix, specLabel, summaryTable, writeChangesets } from '../src/changesets.js';
import { main } from '../src/cli.js';
import { diffSpecs } from '../src/spec-diff.js';
import { asSwagger, baseSpec, definition, op, variant, type Spec } from './spec-pair.js';

/** Users: an operation removed, a property added; Groups: a summary; Stations: untouched. */
const edit = (s: Spec) => {
  delete s.paths['/api/v2/users/{userId}']!['patch'];
  definition(s, 'User').properties['email'] = { type: 'string' };
  op(s, '/api/v2/groups', 'get').summary = 'Lists groups';
};

function changesetsOf(before: Spec, after: Spec): Map<string, string> {
  const from = specLabel(asSwagger(before), JSON.stringify(before));
  const to = specLabel(asSwagger(after), JSON.stringify(after));
  return changesetFiles(diffSpecs(asSwagger(before), asSwagger(after)), from, to);
}

const files = changesetsOf(baseSpec(), variant(edit));
const named = (suffix: string) => [...files].find(([name]) => name.endsWith(suffix))?.[1];

describe('changeset files', () => {
  it('are one per package to release plus the umbrella, named after both specs and the package', () => {
    const names = [...files.keys()];
    expect(names).toHaveLength(3);
    expect(names.every((n) => /^spec-[0-9a-f]{8}-[0-9a-f]{8}-(api-groups|api-users|platform-client)\.md$/.test(n))).toBe(true);
    expect(names.map((n) => n.replace(/^spec-\w+-\w+-/, ''))).toEqual(['api-groups.md', 'api-users.md', 'platform-client.md']);
  });

  it('list only that package’s changes, by bump, under a one-line headline', () => {
    expect(named('-api-users.md')).toBe(
      [
        '---',
        '"@gcsdk/api-users": major',
        '---',
        '',
        'Spec update (purecloud-platform-client-v2 1.0.0 → 2.0.0): 2 breaking, 1 compatible changes.',
        '',
        'Breaking changes:',
        '',
        '- patchUser: removed',
        '- model `UserPatch`: removed (no operation of this package uses it now)',
        '',
        'Compatible changes:',
        '',
        '- model `User`: property `email` added',
        '',
      ].join('\n'),
    );
    expect(named('-platform-client.md')).toBe(
      [
        '---',
        '"@gcsdk/platform-client": major',
        '---',
        '',
        'Spec update (purecloud-platform-client-v2 1.0.0 → 2.0.0): 2 packages changed (1 major, 0 minor, 1 patch).',
        '',
        'Breaking changes:',
        '',
        '- `@gcsdk/api-users`: 2 breaking, 1 compatible changes',
        '',
        'Documentation changes:',
        '',
        '- `@gcsdk/api-groups`: 1 documentation change',
        '',
      ].join('\n'),
    );
  });

  it('parse as changesets with the releases the diff gives', () => {
    const releases = [...files.values()].map((text) => parseChangeset(text)).map((c) => [c.releases, c.summary.split('\n')[0]]);
    expect(releases).toEqual([
      [[{ name: '@gcsdk/api-groups', type: 'patch' }], 'Spec update (purecloud-platform-client-v2 1.0.0 → 2.0.0): 1 documentation change.'],
      [[{ name: '@gcsdk/api-users', type: 'major' }], expect.stringMatching(/^Spec update/)],
      [[{ name: '@gcsdk/platform-client', type: 'major' }], expect.stringMatching(/^Spec update/)],
    ]);
  });

  it('give a new package its first release (minor) and none to a removed one', () => {
    const after = variant((s) => {
      s.tags = [...s.tags.filter((t) => t.name !== 'Stations'), { name: 'Web Chat' }];
      s.paths['/api/v2/webchat/settings'] = { get: s.paths['/api/v2/stations']!['get']! };
      s.paths['/api/v2/webchat/settings']['get']!.tags = ['Web Chat'];
      delete s.paths['/api/v2/stations'];
    });
    const pair = changesetsOf(baseSpec(), after);
    const parsed = [...pair.values()].map((text) => parseChangeset(text));
    expect(parsed.map((c) => c.releases)).toEqual([
      [{ name: '@gcsdk/api-web-chat', type: 'minor' }],
      [{ name: '@gcsdk/platform-client', type: 'major' }],
    ]);
    expect(parsed[0]!.summary).toBe(
      'New package (purecloud-platform-client-v2 1.0.0 → 2.0.0): `WebChatApi` for the tag `Web Chat`, 1 operation, 1 model.\n\nCompatible changes:\n\n- getStations: added (was in `@gcsdk/api-stations`)',
    );
    expect(parsed[1]!.summary).toContain('- `@gcsdk/api-stations`: removed: the tag `Stations` is no longer in the spec');
  });

  it('name the specs by checksum when they do not say which reference SDK they come from', () => {
    const before = baseSpec();
    const after = variant(edit);
    delete before.info['x-source'];
    delete after.info['x-source'];
    expect([...changesetsOf(before, after).values()][0]).toMatch(/\nSpec update \(spec [0-9a-f]{8} → spec [0-9a-f]{8}\): /);
  });

  it('are deterministic, whatever the order of the spec’s keys', () => {
    const shuffled = variant(edit);
    shuffled.paths = Object.fromEntries(Object.entries(shuffled.paths).reverse());
    shuffled.definitions = Object.fromEntries(Object.entries(shuffled.definitions).reverse());
    const again = changesetsOf(baseSpec(), shuffled);
    expect([...again.values()]).toEqual([...files.values()]);
    expect([...changesetsOf(baseSpec(), variant(edit))]).toEqual([...files]);
  });

  it('come with a table of the packages that move', () => {
    expect(summaryTable(diffSpecs(asSwagger(baseSpec()), asSwagger(variant(edit))))).toBe(
      [
        'package                 bump   breaking  compatible  docs',
        '@gcsdk/api-groups       patch         0           0     1',
        '@gcsdk/api-users        major         2           1     0',
        '@gcsdk/platform-client  major         1           0     1',
        'packages: 1 major, 0 minor, 1 patch, 1 unchanged, 0 added, 0 removed; @gcsdk/platform-client: major',
        '',
      ].join('\n'),
    );
  });
});

describe('writing changesets', () => {
  let root: string;
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'gcsdk-changesets-'));
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('replaces what an earlier run wrote for the same pair and keeps every other changeset', () => {
    mkdirSync(join(root, '.changeset'));
    writeFileSync(join(root, '.changeset/config.json'), '{}');
    const prefix = [...files.keys()][0]!.replace(/api-groups\.md$/, '');
    writeFileSync(join(root, `.changeset/${prefix}api-stations.md`), 'outdated');
    writeFileSync(join(root, '.changeset/brave-lions-sing.md'), 'by hand');
    writeChangesets(root, files, prefix);
    expect(readdirSync(join(root, '.changeset')).sort()).toEqual(['brave-lions-sing.md', 'config.json', ...files.keys()].sort());
  });

  it('refuses a root without changesets', () => {
    expect(() => writeChangesets(root, files, 'spec-')).toThrow(/config\.json not found/);
  });

  it('uses the prefix of both specs', () => {
    const label = { id: 'aaaaaaaa', source: undefined, version: undefined };
    expect(changesetPrefix(label, { ...label, id: 'bbbbbbbb' })).toBe('spec-aaaaaaaa-bbbbbbbb-');
  });
});

describe('generate --diff-from', () => {
  let root: string;
  let stderr: string;
  let stdout: string;
  const oldSpecPath = () => join(root, 'old.swagger.json');

  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'gcsdk-diff-from-'));
    mkdirSync(join(root, '.changeset'));
    writeFileSync(join(root, '.changeset/config.json'), readFileSync(join(__dirname, '../../../.changeset/config.json')));
    mkdirSync(join(root, 'spec'));
    writeFileSync(join(root, 'spec/platform-api.swagger.json'), JSON.stringify(variant(edit), null, 2));
    writeFileSync(oldSpecPath(), JSON.stringify(baseSpec(), null, 2));
    stderr = '';
    stdout = '';
    jest.spyOn(process.stderr, 'write').mockImplementation((chunk) => ((stderr += String(chunk)), true));
    jest.spyOn(process.stdout, 'write').mockImplementation((chunk) => ((stdout += String(chunk)), true));
  });
  afterEach(() => {
    jest.restoreAllMocks();
    rmSync(root, { recursive: true, force: true });
  });

  const changesets = () => readdirSync(join(root, '.changeset')).filter((n) => n.endsWith('.md'));

  it('writes the changesets, prints the table, then generates the packages', async () => {
    expect(await main(['--root', root, '--diff-from', oldSpecPath()])).toBe(0);
    expect(changesets().map((n) => n.replace(/^spec-\w+-\w+-/, ''))).toEqual(['api-groups.md', 'api-users.md', 'platform-client.md']);
    const users = parseChangeset(readFileSync(join(root, '.changeset', changesets()[1]!), 'utf8'));
    expect(users.releases).toEqual([{ name: '@gcsdk/api-users', type: 'major' }]);
    expect(stderr).toContain('spec diff purecloud-platform-client-v2 1.0.0 → 2.0.0 in ');
    expect(stderr).toContain('@gcsdk/api-users        major         2           1     0');
    expect(stderr).toMatch(/3 changeset\(s\) written: \.changeset\/spec-\w+-\w+-\*\.md/);
    expect(existsSync(join(root, 'packages/api-users/src/UsersApi.ts'))).toBe(true);
    expect(existsSync(join(root, 'packages/platform-client/package.json'))).toBe(true);
  });

  it('--dry-run prints the changesets and writes nothing', async () => {
    expect(await main(['--root', root, '--diff-from', oldSpecPath(), '--dry-run'])).toBe(0);
    expect(changesets()).toEqual([]);
    expect(existsSync(join(root, 'packages'))).toBe(false);
    expect(stdout).toMatch(/^==> \.changeset\/spec-\w+-\w+-api-groups\.md <==\n---\n"@gcsdk\/api-groups": patch\n---\n/);
    expect(stderr).toContain('3 changeset(s) not written (--dry-run)');
  });

  it('with --check prints the table and writes no changeset', async () => {
    expect(await main(['--root', root, '--diff-from', oldSpecPath(), '--check'])).toBe(1);
    expect(changesets()).toEqual([]);
    expect(stderr).toContain('@gcsdk/api-users        major');
    expect(stderr).toContain('generate --check:');
  });

  it('refuses --dry-run alone and --only with --diff-from', async () => {
    await expect(main(['--root', root, '--dry-run'])).rejects.toThrow('--dry-run needs --diff-from PATH');
    await expect(main(['--root', root, '--diff-from', oldSpecPath(), '--only', 'users'])).rejects.toThrow(/--diff-from needs a full run/);
  });
});
