#!/usr/bin/env node
// Install size from packed tarballs: `npm pack` our packages (built) into a temp folder, install
// @gcsdk/core + @gcsdk/api-users into one fresh app and the umbrella with its whole closure into another
// (our tarballs; third-party dependencies from the registry), and the reference SDK into a third. Bytes
// of the files under node_modules and installed packages (e2e/registry's installSize). Never asserts.
//   node bench/install-size.mjs
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { installSize } from '../e2e/registry/src/apps.mjs';
import { figure, flags, isMain, printSection, REFERENCE, root, table, times } from './lib.mjs';

// npm children without the npm_config_* variables of an `npm run` around us; a cache kept under tmp/.
const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^npm_(config|package|lifecycle)_/i.test(key)));
const npm = (cwd, args) =>
  execFileSync('npm', [...args, '--cache', join(root, 'tmp/bench-npm-cache')], { cwd, env, maxBuffer: 64 * 1024 * 1024 }).toString();

const workspace = () =>
  Object.fromEntries(
    readdirSync(join(root, 'packages')).map((dir) => [
      JSON.parse(readFileSync(join(root, 'packages', dir, 'package.json'), 'utf8')).name,
      dir,
    ]),
  );

function app(work, name, dependencies) {
  const dir = join(work, name);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name, version: '1.0.0', private: true, dependencies }, null, 2));
  npm(dir, ['install', '--no-audit', '--no-fund', '--ignore-scripts', '--loglevel', 'error']);
  return installSize(dir);
}

// One install each: --quick changes nothing here.
export async function measure() {
  const work = join(root, 'tmp/bench-install');
  rmSync(work, { recursive: true, force: true });
  mkdirSync(join(work, 'tarballs'), { recursive: true });
  const dirs = workspace();
  const umbrella = JSON.parse(readFileSync(join(root, 'packages/platform-client/package.json'), 'utf8'));
  const closure = ['@gcsdk/platform-client', ...Object.keys(umbrella.dependencies ?? {}).filter((name) => name.startsWith('@gcsdk/'))];
  const packed = JSON.parse(
    npm(root, [
      'pack',
      '--json',
      '--pack-destination',
      join(work, 'tarballs'),
      ...closure.flatMap((name) => ['-w', `packages/${dirs[name]}`]),
    ]),
  );
  const tarball = Object.fromEntries(packed.map((p) => [p.name, `file:${join(work, 'tarballs', p.filename)}`]));
  const pick = (names) => Object.fromEntries(names.map((name) => [name, tarball[name]]));
  const rows = {
    reference: [REFERENCE, app(work, 'reference', { 'purecloud-platform-client-v2': '262.0.0' })],
    users: ['@gcsdk/core + @gcsdk/api-users', app(work, 'core-users', pick(['@gcsdk/core', '@gcsdk/api-users']))],
    umbrella: [`@gcsdk/platform-client and its closure (${closure.length} of our packages)`, app(work, 'umbrella', pick(closure))],
  };
  rmSync(work, { recursive: true, force: true });
  const ref = rows.reference[1];
  const mb = (n) => (n / 1024 / 1024).toFixed(2);
  return {
    id: 'install-size',
    title: 'Install size from packed tarballs',
    note: 'Bytes of the files under a fresh app’s node_modules after `npm install` (our packages from `npm pack` tarballs, third-party dependencies and the reference from the registry), and the packages installed. Budget: core + one domain ≤ 1/6 of the reference.',
    figures: ['users', 'umbrella'].flatMap((key) => {
      const [name, size] = rows[key];
      return [
        figure({
          id: `install.${key}.bytes`,
          label: `install size: ${name}`,
          unit: 'bytes',
          ours: size.bytes,
          reference: ref.bytes,
          budget: key === 'users' ? { ratio: 1 / 6, text: '1/6' } : null,
        }),
        figure({
          id: `install.${key}.packages`,
          label: `packages installed: ${name}`,
          unit: 'packages',
          ours: size.packages,
          reference: ref.packages,
        }),
      ];
    }),
    table: table(
      [
        ['install', 'l'],
        ['MB', 'r'],
        ['vs reference', 'r'],
        ['budget', 'r'],
        ['of it @gcsdk (MB)', 'r'],
        ['files', 'r'],
        ['packages', 'r'],
      ],
      Object.entries(rows).map(([key, [name, size]]) => [
        name,
        mb(size.bytes),
        times(size.bytes / ref.bytes),
        key === 'users' ? '≤ 1/6 (0.167×)' : '',
        mb(size.ours),
        size.files,
        size.packages,
      ]),
    ),
  };
}

if (isMain(import.meta.url)) {
  flags();
  printSection(await measure());
}
