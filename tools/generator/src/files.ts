/** The non-code files of a generated package: package.json (version kept), tsconfig, README, contract test, provenance. */
import type { Operation, TagGroup } from './model.js';
import { HEADER } from './emit.js';

export const GENERATOR_VERSION = '0.1.0';
export const CORE_RANGE = '^0.1.0';

interface PackageJson {
  version?: string;
  [key: string]: unknown;
}

const exportsMap = {
  '.': { types: './dist/types/index.d.ts', import: './dist/index.mjs', require: './dist/index.cjs' },
  './package.json': './package.json',
};

/** package.json; the version of an existing file is kept (changesets owns it). */
export function packageJson(group: TagGroup, existing: PackageJson | undefined): string {
  const pkg = {
    name: `@gcsdk/api-${group.slug}`,
    version: existing?.version ?? '0.1.0',
    description: `Genesys Cloud Platform API — ${group.tag}: ${group.className} (${group.operations.length} operations), typed, for @gcsdk/core`,
    license: 'MIT',
    keywords: ['genesys', 'genesys-cloud', 'purecloud', 'sdk', group.slug],
    engines: { node: '>=20.11' },
    sideEffects: false,
    main: './dist/index.cjs',
    module: './dist/index.mjs',
    types: './dist/types/index.d.ts',
    exports: exportsMap,
    files: ['dist/index.cjs', 'dist/index.mjs', 'dist/types', 'README.md', 'CHANGELOG.md'],
    scripts: {
      build: 'node ../../tools/generator/scripts/build-package.mjs',
      typecheck: 'tsc -p tsconfig.json --noEmit',
      test: 'node --test test/contract.test.cjs',
    },
    dependencies: { '@gcsdk/core': CORE_RANGE },
    nx: { targets: { test: { dependsOn: ['build'] } } },
  };
  return `${JSON.stringify(pkg, null, 2)}\n`;
}

export function tsconfig(): string {
  return `${JSON.stringify(
    {
      extends: '../../tsconfig.base.json',
      compilerOptions: { rootDir: 'src', module: 'commonjs', moduleResolution: 'bundler', types: [], lib: ['ES2022', 'DOM'] },
      include: ['src/**/*.ts'],
    },
    null,
    2,
  )}\n`;
}

export function provenance(group: TagGroup, specSha256: string): string {
  return `${JSON.stringify({ generator: `@gcsdk/generator@${GENERATOR_VERSION}`, spec: 'spec/platform-api.swagger.json', specSha256, tag: group.tag }, null, 2)}\n`;
}

const cell = (s: string | undefined) => (s ?? '').replace(/\|/g, '\\|').replace(/\s+/g, ' ').trim();

/** An example call: the first GET without required arguments, else the first operation. */
export function exampleOperation(group: TagGroup): Operation {
  return group.operations.find((o) => o.method === 'GET' && !o.params.some((p) => p.required)) ?? group.operations[0]!;
}

export function readme(group: TagGroup): string {
  const example = exampleOperation(group);
  const args = example.params.filter((p) => p.required).map((p) => (p.in === 'body' ? '{ /* … */ }' : `'${p.js}-value'`));
  const rows = group.operations.map(
    (o) =>
      `| \`${o.id}\` | \`${o.method} ${o.path}\` | ${cell(o.summary)}${o.deprecated ? ' (deprecated)' : ''}${o.preview ? ' (preview)' : ''} |`,
  );
  return `<!-- ${HEADER.slice(3)} -->

# @gcsdk/api-${group.slug}

The **${group.tag}** API of Genesys Cloud, typed: \`${group.className}\`, with the same method names,
argument order and requests as \`purecloud-platform-client-v2\`. Install only the domains you call;
each depends on [\`@gcsdk/core\`](../core) alone. Generated from \`spec/platform-api.swagger.json\`.

\`\`\`sh
npm install @gcsdk/core @gcsdk/api-${group.slug}
\`\`\`

\`\`\`ts
import { ApiClient } from '@gcsdk/core';
import { ${group.className} } from '@gcsdk/api-${group.slug}';

const client = ApiClient.instance;
await client.loginClientCredentialsGrant(process.env.GENESYS_CLIENT_ID!, process.env.GENESYS_CLIENT_SECRET!);
const api = new ${group.className}();
const result = await api.${example.id}(${[...args, '{}'].join(', ')});
\`\`\`

## Operations (${group.operations.length})

| method | HTTP | summary |
| --- | --- | --- |
${rows.join('\n')}
`;
}

/** A contract test: the built package sends one operation to a local server. */
export function contractTest(group: TagGroup): string {
  const op = exampleOperation(group);
  const args = op.params
    .filter((p) => p.required)
    .map((p) =>
      p.in === 'body'
        ? '{ probe: true }'
        : p.schema.type === 'integer' || p.schema.type === 'number'
          ? '7'
          : p.schema.type === 'array'
            ? "['a b']"
            : p.schema.type === 'boolean'
              ? 'true'
              : `'id ${p.js}'`,
    );
  const expectedPath = op.path.replace(/\{([\w-]+)\}/g, (_m, name: string) => {
    const p = op.params.find((x) => x.wire === name)!;
    return p.schema.type === 'integer' || p.schema.type === 'number' ? '7' : encodeURIComponent(`id ${p.js}`);
  });
  return `${HEADER}
// Contract test: the built package sends ${op.id} to a local server, as the reference SDK would.
const { test } = require('node:test');
const assert = require('node:assert/strict');
const { createServer } = require('node:http');
const { ApiClient } = require('@gcsdk/core');
const { ${group.className} } = require('..');

test('${group.className}.${op.id} reaches the server as ${op.method} ${op.path}', async () => {
  const seen = [];
  const server = createServer((req, res) => {
    seen.push({ method: req.method, url: req.url, auth: req.headers.authorization });
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end('{"ok":true}');
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    const client = new ApiClient({ readConfigFile: false });
    client.setGateway({ host: '127.0.0.1', protocol: 'http', port: server.address().port });
    client.setAccessToken('contract-token');
    await new ${group.className}(client).${op.id}(${[...args, '{}'].join(', ')});
    assert.equal(seen.length, 1);
    assert.equal(seen[0].method, '${op.method}');
    assert.equal(seen[0].url.split('?')[0], ${JSON.stringify(expectedPath)});
    assert.equal(seen[0].auth, 'Bearer contract-token');
  } finally {
    server.closeAllConnections();
    server.close();
  }
});
`;
}
