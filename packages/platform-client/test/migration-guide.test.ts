/**
 * docs/migration.md must stay true: its table of the reference's top-level exports (written by
 * scripts/migration-table.mjs) has one row per export, the umbrella has every name the table says it
 * has, and the package named for each export really exports it. Its relative links must resolve.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const umbrella = require('@gcsdk/platform-client') as Record<string, unknown> & { ApiClient: { close(): void } };
// eslint-disable-next-line @typescript-eslint/no-require-imports
const reference = require('purecloud-platform-client-v2') as Record<string, unknown>;
// eslint-disable-next-line @typescript-eslint/no-require-imports
const core = require('@gcsdk/core') as Record<string, unknown> & { ApiClient: { instance: unknown } };

afterAll(() => umbrella.ApiClient.close());

const repoRoot = resolve(__dirname, '../../..');
const guidePath = join(repoRoot, 'docs', 'migration.md');
const guide = readFileSync(guidePath, 'utf8');

interface Row {
  name: string;
  kind: string;
  inUmbrella: string;
  pkg: string;
  nameThere: string;
}

/** The rows between the exports markers, without the header and separator lines. */
function tableRows(): Row[] {
  const start = guide.indexOf('<!-- exports:start -->');
  const end = guide.indexOf('<!-- exports:end -->');
  if (start < 0 || end < start) throw new Error('docs/migration.md has no exports markers');
  const lines = guide
    .slice(start, end)
    .split('\n')
    .filter((line) => line.startsWith('|'));
  const unquote = (cell: string) => cell.trim().replace(/^`(.*)`$/, '$1');
  return lines.slice(2).map((line) => {
    const cells = line.split('|').slice(1, -1);
    if (cells.length !== 5) throw new Error(`docs/migration.md: a table row needs 5 cells: ${line}`);
    const [name, kind, inUmbrella, pkg, nameThere] = cells.map(unquote) as [string, string, string, string, string];
    return { name, kind, inUmbrella, pkg, nameThere };
  });
}

/** Package name → directory, for the core and every domain package. */
const packageDirs = new Map(
  readdirSync(join(repoRoot, 'packages'))
    .filter((dir) => existsSync(join(repoRoot, 'packages', dir, 'package.json')))
    .map((dir) => {
      const manifest = JSON.parse(readFileSync(join(repoRoot, 'packages', dir, 'package.json'), 'utf8')) as { name: string };
      return [manifest.name, join(repoRoot, 'packages', dir)] as const;
    }),
);

/** Whether `packages/<pkg>/src/index.ts` exports `name` as a value (not only as a type). */
function sourceExports(pkg: string, name: string): boolean {
  const dir = packageDirs.get(pkg);
  if (dir === undefined) throw new Error(`docs/migration.md names ${pkg}, which is not a package of this repository`);
  const source = readFileSync(join(dir, 'src', 'index.ts'), 'utf8');
  return [...source.matchAll(/export\s*\{([^}]*)\}\s*from/g)].some((match) =>
    match[1]!.split(',').some(
      (spec) =>
        !spec.trim().startsWith('type ') &&
        spec
          .trim()
          .split(/\s+as\s+/)
          .pop() === name,
    ),
  );
}

const rows = tableRows();

it('has exactly one row per top-level export of the reference', () => {
  const names = rows.map((row) => row.name);
  expect(new Set(names).size).toBe(names.length);
  expect([...names].sort()).toEqual(Object.keys(reference).sort());
  // The reference's surface, so that an empty table or an empty require cannot pass.
  expect(names.length).toBeGreaterThanOrEqual(90);
  expect(names).toEqual(expect.arrayContaining(['ApiClient', 'ApiClientClass', 'PureCloudRegionHosts', 'UsersApi']));
});

it('gives each export the kind of its value in the reference', () => {
  for (const row of rows) {
    const value = reference[row.name];
    const expected =
      typeof value === 'function' ? 'class' : typeof value === 'object' && value !== null ? /^(object|instance of .+)$/ : typeof value;
    if (typeof expected === 'string') expect({ name: row.name, kind: row.kind }).toEqual({ name: row.name, kind: expected });
    else expect(row.kind).toMatch(expected);
  }
});

it('says an export is in the umbrella exactly when the umbrella has that key', () => {
  const umbrellaNames = new Set(Object.keys(umbrella));
  const wrong = rows.filter((row) => (row.inUmbrella === 'yes, same name') !== umbrellaNames.has(row.name)).map((row) => row.name);
  expect(wrong).toEqual([]);
  expect(rows.every((row) => ['yes, same name', 'no'].includes(row.inUmbrella))).toBe(true);
});

it('names, for each export, a package that exports it under the name given', () => {
  const wrong = rows.filter((row) => !sourceExports(row.pkg, row.nameThere.split('.')[0]!)).map((row) => `${row.name} in ${row.pkg}`);
  expect(wrong).toEqual([]);
  // Each *Api class comes from its own domain package; the rest from the core.
  for (const row of rows) expect(row.pkg).toMatch(row.name.endsWith('Api') ? /^@gcsdk\/api-[a-z-]+$/ : /^@gcsdk\/core$/);
});

it('maps the reference shared client and class to the core as the umbrella does', () => {
  const byName = new Map(rows.map((row) => [row.name, row]));
  expect(byName.get('ApiClient')?.nameThere).toBe('ApiClient.instance');
  expect(byName.get('ApiClientClass')?.nameThere).toBe('ApiClient');
  expect(core.ApiClient.instance).toBe(umbrella['ApiClient']);
  expect(core.ApiClient).toBe(umbrella['ApiClientClass']);
  expect(core['PureCloudRegionHosts']).toEqual(reference['PureCloudRegionHosts']);
});

it('links only to files that exist', () => {
  const targets = [...guide.matchAll(/\]\(([^)\s]+)\)/g)]
    .map((match) => match[1]!)
    .filter((target) => !/^[a-z]+:/i.test(target) && !target.startsWith('#'))
    .map((target) => target.split('#')[0]!);
  expect(targets.length).toBeGreaterThan(0);
  const missing = targets.filter((target) => !existsSync(resolve(dirname(guidePath), target)));
  expect(missing).toEqual([]);
});
