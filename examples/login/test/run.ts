/** Runs a program of src/ as `npm start` / `npm run <program>` do (tsx), without the GENESYS_CLOUD_* variables of this shell. */
import { execFile } from 'node:child_process';
import { join } from 'node:path';

const GENESYS_VARIABLES = [
  'GENESYS_CLOUD_REGION',
  'GENESYS_CLOUD_CLIENT_ID',
  'GENESYS_CLOUD_CLIENT_SECRET',
  'GENESYS_CLOUD_ORG_NAME',
  'GENESYS_CLOUD_SAML_ASSERTION',
  'GENESYS_CLOUD_REDIRECT_URI',
];

export interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
  lines: string[];
}

export function run(file: string, extraEnv: Record<string, string> = {}): Promise<Run> {
  const env = { ...process.env };
  for (const key of GENESYS_VARIABLES) delete env[key];
  const options = { env: { ...env, ...extraEnv }, cwd: join(__dirname, '..'), timeout: 30_000 };
  return new Promise((resolve) => {
    const child = execFile(process.execPath, ['--import', 'tsx', join(__dirname, '../src', file)], options, (_error, stdout, stderr) =>
      resolve({ status: child.exitCode, stdout, stderr, lines: stdout.trimEnd().split('\n') }),
    );
  });
}

export const MOCK_TARGET = /^Target: embedded mock server at http:\/\/127\.0\.0\.1:\d+ /;
export const DEMO_USER = 'users/me: Demo User <demo.user@example.com>';
/** The expiry as the client formats it: `valid until Sun, 06 Dec 2026 12:15:06 GMT`. */
export const VALID_UNTIL = 'valid until \\w{3}, \\d{2} \\w{3} \\d{4} \\d{2}:\\d{2}:\\d{2} GMT';
