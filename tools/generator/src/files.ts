/** The non-code files of a generated package: package.json (version kept), tsconfigs, README, provenance. */
import type { Operation, TagGroup } from './model.js';
import { HEADER } from './emit.js';
import { internalRange, keptVersion, type PackageJson, type WorkspaceVersions } from './release-fields.js';

export const GENERATOR_VERSION = '0.2.0';

/**
 * Dual ESM + CJS with a declaration file for each: `.d.mts` beside `index.mjs` and `.d.ts` beside
 * `index.cjs` (build-package.mjs writes both), so that a node16 ESM consumer is not handed CJS types.
 */
export const EXPORTS_MAP = {
  '.': {
    import: { types: './dist/types/index.d.mts', default: './dist/index.mjs' },
    require: { types: './dist/types/index.d.ts', default: './dist/index.cjs' },
  },
  './package.json': './package.json',
};

/** What every published generated package ships (the provenance file says which spec and generator made it). */
export const PUBLISHED_EXTRAS = ['README.md', 'CHANGELOG.md', 'generated.json'];

/** package.json; its version and its ranges on @gcsdk packages are kept (changesets owns them, see release-fields.ts). */
export function packageJson(group: TagGroup, existing: PackageJson | undefined, versions: WorkspaceVersions): string {
  const pkg = {
    name: `@gcsdk/api-${group.slug}`,
    version: keptVersion(existing),
    description: `Genesys Cloud Platform API — ${group.tag}: ${group.className} (${group.operations.length} operations), typed, for @gcsdk/core`,
    license: 'MIT',
    keywords: ['genesys', 'genesys-cloud', 'purecloud', 'sdk', group.slug],
    engines: { node: '>=20.11' },
    sideEffects: false,
    main: './dist/index.cjs',
    module: './dist/index.mjs',
    types: './dist/types/index.d.ts',
    exports: EXPORTS_MAP,
    files: ['dist/index.cjs', 'dist/index.mjs', 'dist/types', ...PUBLISHED_EXTRAS],
    scripts: {
      build: 'node ../../tools/generator/scripts/build-package.mjs',
      typecheck: 'tsc -p tsconfig.json --noEmit',
      test: 'node --import tsx --test test/contract.test.ts',
    },
    dependencies: { '@gcsdk/core': internalRange(existing, 'dependencies', '@gcsdk/core', versions) },
    devDependencies: { '@gcsdk/mock-server': internalRange(existing, 'devDependencies', '@gcsdk/mock-server', versions) },
    // The contract test (and its type-check) runs against the built package and the built mock server.
    nx: { targets: { test: { dependsOn: ['build', '^build'] }, typecheck: { dependsOn: ['build', '^build'] } } },
  };
  return `${JSON.stringify(pkg, null, 2)}\n`;
}

const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;

/** The type-check of everything in the package: sources and the contract test (against the built package). */
export function tsconfig(): string {
  return json({
    extends: '../../tsconfig.base.json',
    compilerOptions: { rootDir: '.', module: 'commonjs', moduleResolution: 'bundler', types: ['node'], lib: ['ES2022', 'DOM'] },
    include: ['src/**/*.ts', 'test/**/*.ts'],
  });
}

/** The declarations of the build: `src/` only, so that they land in dist/types/ as package.json says. */
export function tsconfigBuild(): string {
  return json({
    extends: './tsconfig.json',
    compilerOptions: { rootDir: 'src', types: [], declaration: true, emitDeclarationOnly: true, noEmit: false, outDir: 'dist/types' },
    include: ['src/**/*.ts'],
  });
}

/** generated.json: which generator made the package from which spec (and, for a domain, which tag). */
export function provenance(specSha256: string, subject: { tag: string } | { packages: number }): string {
  return json({ generator: `@gcsdk/generator@${GENERATOR_VERSION}`, spec: 'spec/platform-api.swagger.json', specSha256, ...subject });
}

/** A first CHANGELOG.md: changesets adds each release under the title. */
export function changelog(name: string): string {
  return `# ${name}\n`;
}

const cell = (s: string | undefined) => (s ?? '').replace(/\|/g, '\\|').replace(/\s+/g, ' ').trim();

/** An example call: the first GET without required arguments, else the first operation. */
export function exampleOperation(group: TagGroup): Operation {
  return group.operations.find((o) => o.method === 'GET' && !o.params.some((p) => p.required)) ?? group.operations[0]!;
}

/** A required argument of the README's example call: a value the API accepts where the spec lists them. */
function exampleArgument(p: Operation['params'][number]): string {
  if (p.in === 'body') return '{ /* … */ }';
  const known = p.schema.enum?.[0];
  return typeof known === 'string' ? `'${known}'` : `'${p.js}-value'`;
}

export function readme(group: TagGroup): string {
  const example = exampleOperation(group);
  const args = example.params.filter((p) => p.required).map(exampleArgument);
  const rows = group.operations.map(
    (o) =>
      `| \`${o.id}\` | \`${o.method} ${o.path}\` | ${cell(o.summary)}${o.deprecated ? ' (deprecated)' : ''}${o.preview ? ' (preview)' : ''} |`,
  );
  return `<!-- ${HEADER.slice(3)} -->

# @gcsdk/api-${group.slug}

The **${group.tag}** API of Genesys Cloud, typed: \`${group.className}\`, with the same method names,
argument order and requests as \`purecloud-platform-client-v2\`. Install only the domains you call;
each depends on [\`@gcsdk/core\`](../core/README.md) alone. Generated from \`spec/platform-api.swagger.json\`.

\`\`\`sh
npm install @gcsdk/core @gcsdk/api-${group.slug}
\`\`\`

\`\`\`ts
import { ApiClient } from '@gcsdk/core';
import { ${group.className} } from '@gcsdk/api-${group.slug}';

const client = ApiClient.instance;
await client.loginClientCredentialsGrant(process.env.GENESYS_CLOUD_CLIENT_ID!, process.env.GENESYS_CLOUD_CLIENT_SECRET!);
const api = new ${group.className}();
const result = await api.${example.id}(${[...args, '{}'].join(', ')});
\`\`\`

API reference (parameters with their allowed values, return models, permissions): run \`npm run docs\`
in the repository and open \`docs/site/classes/_gcsdk_api-${group.slug}.${group.className}.html\`;
this package's page is \`docs/site/modules/_gcsdk_api-${group.slug}.html\`.

## Operations (${group.operations.length})

| method | HTTP | summary |
| --- | --- | --- |
${rows.join('\n')}
`;
}
