/** The umbrella package `@gcsdk/platform-client`: every api package plus the reference's top-level surface. */
import { join } from 'node:path';
import type { TagGroup } from './model.js';
import { EXPORTS_MAP, provenance, PUBLISHED_EXTRAS, tsconfigBuild } from './files.js';
import { internalRange, keptVersion, type PackageJson, type WorkspaceVersions } from './release-fields.js';
import { HEADER } from './emit.js';

/** The umbrella's sources, written by emit.ts. */
export interface UmbrellaSources {
  index: string;
  surface: string;
  models: string;
}

export function umbrellaFiles(
  root: string,
  groups: TagGroup[],
  existing: PackageJson | undefined,
  versions: WorkspaceVersions,
  specSha256: string,
  sources: UmbrellaSources,
): Map<string, string> {
  const dir = join(root, 'packages', 'platform-client');
  const dependencies: Record<string, string> = {};
  for (const name of ['@gcsdk/core', ...groups.map((g) => `@gcsdk/api-${g.slug}`)])
    dependencies[name] = internalRange(existing, 'dependencies', name, versions);
  const pkg = {
    name: '@gcsdk/platform-client',
    version: keptVersion(existing),
    description: 'Genesys Cloud Platform API, every domain: a typed drop-in replacement for purecloud-platform-client-v2',
    license: 'MIT',
    keywords: ['genesys', 'genesys-cloud', 'purecloud', 'sdk', 'platform-client'],
    engines: { node: '>=20.11' },
    sideEffects: false,
    main: './dist/index.cjs',
    module: './dist/index.mjs',
    types: './dist/types/index.d.ts',
    exports: EXPORTS_MAP,
    files: ['dist/index.cjs', 'dist/index.mjs', 'dist/types', 'dist/web-cjs', 'dist/web-amd', ...PUBLISHED_EXTRAS],
    scripts: {
      // Then the script-tag and AMD bundles for browsers (dist/web-cjs, dist/web-amd).
      build: 'node ../../tools/generator/scripts/build-package.mjs && node ../../tools/generator/scripts/build-web-bundles.mjs',
      typecheck: 'tsc -p tsconfig.json --noEmit',
      test: 'jest',
    },
    dependencies,
    nx: { targets: { test: { dependsOn: ['build', '^build'] } } },
  };
  const tsconfig = {
    extends: '../../tsconfig.base.json',
    compilerOptions: { rootDir: '.', module: 'commonjs', moduleResolution: 'bundler', types: ['node', 'jest'], lib: ['ES2022', 'DOM'] },
    include: ['src/**/*.ts', 'test/**/*.ts'],
  };
  const files = new Map<string, string>();
  files.set(join(dir, 'package.json'), `${JSON.stringify(pkg, null, 2)}\n`);
  files.set(join(dir, 'tsconfig.json'), `${JSON.stringify(tsconfig, null, 2)}\n`);
  files.set(join(dir, 'tsconfig.build.json'), tsconfigBuild());
  files.set(join(dir, 'generated.json'), provenance(specSha256, { packages: groups.length }));
  files.set(join(dir, 'src', 'index.ts'), sources.index);
  files.set(join(dir, 'src', 'surface.ts'), sources.surface);
  files.set(join(dir, 'src', 'models.ts'), sources.models);
  files.set(
    join(dir, 'README.md'),
    `<!-- ${HEADER.slice(3)} -->

# @gcsdk/platform-client

Every Genesys Cloud API domain in one install, with the surface of \`purecloud-platform-client-v2\`
(262.0.0): swap the package name and keep your code.

\`\`\`js
const platformClient = require('@gcsdk/platform-client');
const client = platformClient.ApiClient.instance;
client.setEnvironment(platformClient.PureCloudRegionHosts.us_east_1);
await client.loginClientCredentialsGrant(clientId, clientSecret);
const me = await new platformClient.UsersApi().getUsers({ pageSize: 25 });
\`\`\`

ESM (\`import platformClient from '@gcsdk/platform-client'\`, or named imports) and types included, with
the reference's \`Models\` namespace: every model of the API as a type (\`platformClient.Models.User\`).
It depends on \`@gcsdk/core\` and the ${groups.length} \`@gcsdk/api-*\` packages; to keep installs small,
depend on the domains you call instead.

Coming from \`purecloud-platform-client-v2\`? The [migration guide](../../docs/migration.md) says what is the
same, what changed on purpose and how to switch, with every export of the reference and where it lives here.

\`require('@gcsdk/platform-client')\` loads the core only: each domain package is loaded when its class
is first read (\`platformClient.UsersApi\`), so a program pays for the domains it uses. \`Object.keys\` lists
every name without loading anything. The ESM entry loads every domain when imported (ES module exports are
bound at link time); import the domain packages themselves for the smallest ESM start.

| class | package |
| --- | --- |
${groups.map((g) => `| \`${g.className}\` | \`@gcsdk/api-${g.slug}\` |`).join('\n')}
`,
  );
  return files;
}
