#!/usr/bin/env node
// The gcsdk-mock command. It is committed (dist/ is not) so that npm links it on install even on a
// fresh clone; it runs the built CLI, or says how to build it.
'use strict';
const { existsSync } = require('node:fs');
const { join } = require('node:path');

const cli = join(__dirname, '..', 'dist', 'cli.cjs');
if (!existsSync(cli)) {
  process.stderr.write('gcsdk-mock: run npm run build --workspace @gcsdk/mock-server first\n');
  process.exit(2);
}
require(cli).main();
