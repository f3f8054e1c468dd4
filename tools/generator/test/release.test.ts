/**
 * A release round trip on a small workspace: generate, `changeset version`, then the generator again.
 * The versions and @gcsdk ranges that the release wrote must survive both `--check` and a rewrite.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SwaggerDocument } from '@gcsdk/spec-extract';
import { checkFiles, planFiles, writeFiles } from '../src/generate.js';

const repo = join(__dirname, '../../..');
const fixtureText = readFileSync(join(__dirname, 'fixtures/mini.swagger.json'), 'utf8');
const fixture = JSON.parse(fixtureText) as SwaggerDocument;

let root: string;
const readJson = (path: string) => JSON.parse(readFileSync(join(root, path), 'utf8')) as Record<string, Record<string, string>>;
const pkg = (dir: string) => readJson(`packages/${dir}/package.json`);
const plan = () => planFiles({ root, spec: fixture, specText: fixtureText });
const writeJson = (path: string, value: unknown) => {
  mkdirSync(join(root, path, '..'), { recursive: true });
  writeFileSync(join(root, path), `${JSON.stringify(value, null, 2)}\n`);
};
const changesetVersion = () =>
  execFileSync(process.execPath, [join(repo, 'node_modules/@changesets/cli/bin.js'), 'version'], { cwd: root, stdio: 'pipe' });

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'gcsdk-release-'));
  writeJson('package.json', { name: 'fixture-workspace', private: true, workspaces: ['packages/*'] });
  cpSync(join(repo, '.changeset/config.json'), join(root, '.changeset/config.json'));
  writeJson('packages/core/package.json', { name: '@gcsdk/core', version: '0.1.0' });
  writeJson('packages/mock-server/package.json', { name: '@gcsdk/mock-server', version: '0.1.0' });
  writeFiles(plan());
});

afterEach(() => rmSync(root, { recursive: true, force: true }));

describe('a release round trip', () => {
  it('starts every generated package at 0.1.0 with caret ranges on the workspace versions, and a changelog to add to', () => {
    expect(pkg('api-widgets')['version']).toBe('0.1.0');
    expect(pkg('api-widgets')['dependencies']).toEqual({ '@gcsdk/core': '^0.1.0' });
    expect(pkg('api-widgets')['devDependencies']).toEqual({ '@gcsdk/mock-server': '^0.1.0' });
    expect(pkg('platform-client')['dependencies']).toEqual({
      '@gcsdk/core': '^0.1.0',
      '@gcsdk/api-widgets': '^0.1.0',
      '@gcsdk/api-ai-gadgets': '^0.1.0',
    });
    expect(readFileSync(join(root, 'packages/api-widgets/CHANGELOG.md'), 'utf8')).toBe('# @gcsdk/api-widgets\n');
    expect(pkg('api-widgets')['files']).toEqual(expect.arrayContaining(['CHANGELOG.md', 'generated.json']));
  });

  it('keeps what `changeset version` wrote: versions, ranges and changelogs pass --check and survive a rewrite', () => {
    writeFileSync(
      join(root, '.changeset/core-and-widgets.md'),
      '---\n"@gcsdk/core": minor\n"@gcsdk/api-widgets": major\n---\n\nA minor core and a breaking widgets release.\n',
    );
    changesetVersion();

    const released = {
      core: pkg('core')['version'],
      widgets: pkg('api-widgets'),
      gadgets: pkg('api-ai-gadgets'),
      umbrella: pkg('platform-client'),
    };
    // 0.2.0 is outside ^0.1.0, so every dependent is released again with a range that accepts it.
    expect(released.core).toBe('0.2.0');
    expect(released.widgets['version']).toBe('1.0.0');
    expect(released.widgets['dependencies']).toEqual({ '@gcsdk/core': '^0.2.0' });
    expect(released.gadgets['version']).toBe('0.1.1');
    expect(released.gadgets['dependencies']).toEqual({ '@gcsdk/core': '^0.2.0' });
    expect(released.umbrella['dependencies']).toMatchObject({ '@gcsdk/core': '^0.2.0', '@gcsdk/api-widgets': '^1.0.0' });
    const changelog = readFileSync(join(root, 'packages/api-widgets/CHANGELOG.md'), 'utf8');
    expect(changelog).toContain('## 1.0.0');
    expect(changelog).toContain('A minor core and a breaking widgets release.');

    expect(checkFiles(plan(), root, true)).toEqual([]);
    expect(writeFiles(plan())).toBe(0);
    expect(pkg('api-widgets')).toEqual(released.widgets);
    expect(pkg('api-ai-gadgets')).toEqual(released.gadgets);
    expect(pkg('platform-client')).toEqual(released.umbrella);
    expect(readFileSync(join(root, 'packages/api-widgets/CHANGELOG.md'), 'utf8')).toBe(changelog);
  });

  it('replaces a range that no longer accepts the workspace version (a version moved by hand), and --check names the file', () => {
    writeJson('packages/core/package.json', { name: '@gcsdk/core', version: '1.0.0' });
    expect(checkFiles(plan(), root, true)).toEqual(
      expect.arrayContaining(['differs: packages/api-widgets/package.json', 'differs: packages/platform-client/package.json']),
    );
    writeFiles(plan());
    expect(pkg('api-widgets')['dependencies']).toEqual({ '@gcsdk/core': '^1.0.0' });
    expect(pkg('platform-client')['dependencies']?.['@gcsdk/core']).toBe('^1.0.0');
  });

  it('reports a missing changelog, and writes a first one without touching an existing one', () => {
    rmSync(join(root, 'packages/api-widgets/CHANGELOG.md'));
    writeFileSync(join(root, 'packages/api-ai-gadgets/CHANGELOG.md'), '# @gcsdk/api-ai-gadgets\n\n## 0.1.1\n\n- kept\n');
    expect(checkFiles(plan(), root, true)).toEqual(['missing: packages/api-widgets/CHANGELOG.md']);
    writeFiles(plan());
    expect(readFileSync(join(root, 'packages/api-widgets/CHANGELOG.md'), 'utf8')).toBe('# @gcsdk/api-widgets\n');
    expect(readFileSync(join(root, 'packages/api-ai-gadgets/CHANGELOG.md'), 'utf8')).toContain('- kept');
  });
});
