/**
 * The export end to end, as `npm start -- FILE --page-size 25` runs it: against the embedded mock
 * server; the CSV is parsed back and compared with the mock's users.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startMockServer } from '@gcsdk/mock-server';
import { csvRecord } from '../src/csv.js';
import { QUOTING_DEMO_USERS } from '../src/demo-users.js';

function run(...args: string[]): Promise<{ status: number | null; stdout: string; stderr: string }> {
  const env = { ...process.env };
  for (const key of ['GENESYS_CLOUD_REGION', 'GENESYS_CLOUD_CLIENT_ID', 'GENESYS_CLOUD_CLIENT_SECRET']) delete env[key];
  return new Promise((resolve) => {
    const child = execFile(
      process.execPath,
      ['--import', 'tsx', join(__dirname, '../src/main.ts'), ...args],
      { env, cwd: join(__dirname, '..'), timeout: 30_000 },
      (_error, stdout, stderr) => resolve({ status: child.exitCode, stdout, stderr }),
    );
  });
}

/** An RFC 4180 reader, written apart from the writer so that the test checks one against the other. */
function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted && c === '"' && text[i + 1] === '"') {
      field += '"'; // a doubled quote inside quotes
      i++;
    } else if (c === '"') {
      quoted = !quoted;
    } else if (!quoted && c === ',') {
      record.push(field);
      field = '';
    } else if (!quoted && c === '\r' && text[i + 1] === '\n') {
      records.push([...record, field]);
      record = [];
      field = '';
      i++;
    } else {
      field += c;
    }
  }
  if (quoted) throw new Error('unterminated quoted field');
  if (field || record.length) records.push([...record, field]);
  return records;
}

let dir: string;
beforeAll(() => (dir = mkdtempSync(join(tmpdir(), 'gcsdk-export-csv-'))));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

it('quotes fields as RFC 4180 says', () => {
  expect(csvRecord(['plain', 'a,b', 'say "hi"', 'two\nlines', '', undefined, 42])).toBe('plain,"a,b","say ""hi""","two\nlines",,,42\r\n');
  expect(parseCsv(csvRecord(['a,b', '"', '\r\n']))).toEqual([['a,b', '"', '\r\n']]);
});

it('exports every user of the mock, page by page, to the file given', async () => {
  const file = join(dir, 'users.csv');
  const { status, stdout, stderr } = await run(file, '--page-size', '25');
  expect(stderr).toBe('');
  expect(status).toBe(0);
  const lines = stdout.trimEnd().split('\n');
  expect(lines[0]).toMatch(/^Target: embedded mock server at http:\/\/127\.0\.0\.1:\d+ /);
  // 57 users of the mock (the signed-in user and 56 more) and the 3 added: pages of 25, 25 and 10.
  expect(lines.slice(1)).toEqual(['Added 3 users whose fields need quoting', `Wrote 60 users in 3 pages of up to 25 to ${file}`]);
  expect(existsSync(`${file}.partial`)).toBe(false);

  const [header, ...rows] = parseCsv(readFileSync(file, 'utf8'));
  expect(header).toEqual(['id', 'name', 'email', 'state', 'department', 'title']);
  expect(rows).toHaveLength(60);
  expect(new Set(rows.map((row) => row[0])).size).toBe(60);

  // The mock's own users: the same seed gives the same users in a fresh mock server.
  const mock = await startMockServer();
  try {
    const expected = [...mock.store.users.items.values()].map((u) => [u.id, u.name, u['email'], u['state'], '', '']);
    expect(expected).toHaveLength(57);
    expect(rows.slice(0, 57)).toEqual(expected);
  } finally {
    await mock.close();
  }
  // The added users, with their commas, quotes and line break, read back exactly.
  expect(rows.slice(57).map((row) => row.slice(1))).toEqual(
    QUOTING_DEMO_USERS.map((u) => [u.name, u.email, u.state, u.department ?? '', u.title ?? '']),
  );
}, 30_000);

it('refuses a bad page size with the usage and exit code 2, writing nothing', async () => {
  const { status, stdout, stderr } = await run(join(dir, 'never.csv'), '--page-size', 'ten');
  expect(status).toBe(2);
  expect(stdout).toBe('');
  expect(stderr).toMatch(/^export-csv failed: --page-size must be a whole number from 1, got ten\nusage: npm start -- \[FILE\]/);
  expect(existsSync(join(dir, 'never.csv'))).toBe(false);
}, 30_000);
