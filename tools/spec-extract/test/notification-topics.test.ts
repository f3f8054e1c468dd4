/** Deriving spec/notification-topics.json from a git copy of an SDK repository, and the committed file. */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../src/cli';
import { parseMappings, readNotificationTopics, topicsWithoutModel } from '../src/notification-topics';

const ROOT = join(__dirname, '../../..');

describe('parseMappings', () => {
  it('keeps topic and model, sorted by topic', () => {
    const text = JSON.stringify({
      notifications: [
        { topic: 'v2.users.{id}.routingStatus', class: 'UserRoutingStatusUserRoutingStatus' },
        { topic: 'v2.users.{id}.presence', class: 'PresenceEventUserPresence' },
      ],
    });
    expect(parseMappings(text, 'm.json')).toEqual([
      { topic: 'v2.users.{id}.presence', model: 'PresenceEventUserPresence' },
      { topic: 'v2.users.{id}.routingStatus', model: 'UserRoutingStatusUserRoutingStatus' },
    ]);
  });

  it.each([
    ['not JSON', 'm.json is not valid JSON'],
    ['{}', 'm.json has no "notifications" list'],
    ['{"notifications":[{"topic":"users.{id}","class":"A"}]}', 'notifications[0].topic is not a topic template: "users.{id}"'],
    ['{"notifications":[{"topic":"v2.a.`x`","class":"A"}]}', 'notifications[0].topic is not a topic template'],
    ['{"notifications":[{"topic":"v2.a","class":"A B"}]}', 'notifications[0].class is not a model name: "A B"'],
    ['{"notifications":[{"topic":"v2.a","class":"A"},{"topic":"v2.a","class":"B"}]}', 'topic v2.a is listed twice'],
  ])('refuses %s', (text, message) => {
    expect(() => parseMappings(text, 'm.json')).toThrow(message);
  });
});

describe('readNotificationTopics from a git directory', () => {
  let dir: string;
  const git = (...args: string[]) => execFileSync('git', ['-C', join(dir, 'work'), ...args], { encoding: 'utf8' }).trim();

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'topics-git-'));
    mkdirSync(join(dir, 'work/build'), { recursive: true });
    git('init', '-q');
    git('config', 'user.email', 't@example.com');
    git('config', 'user.name', 'T');
    const commit = (version: string, topics: [string, string][]) => {
      writeFileSync(join(dir, 'work/build/package.json'), JSON.stringify({ version }));
      writeFileSync(
        join(dir, 'work/notificationMappings.json'),
        JSON.stringify({ notifications: topics.map(([topic, c]) => ({ topic, class: c })) }),
      );
      git('add', '.');
      git('commit', '-q', '-m', version);
      return git('rev-parse', 'HEAD');
    };
    commit('1.0.0', [['v2.users.{id}.presence', 'PresenceEventUserPresence']]);
    commit('2.0.0', [
      ['v2.users.{id}.presence', 'PresenceEventUserPresence'],
      ['v2.users.{id}.gone', 'NoSuchModel'],
    ]);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('reads the mapping and the release of a commit, HEAD by default', () => {
    const head = readNotificationTopics(join(dir, 'work/.git'), 'o/r');
    expect(head.source).toEqual({
      repository: 'o/r',
      commit: git('rev-parse', 'HEAD'),
      release: '2.0.0',
      path: 'notificationMappings.json',
      license: 'MIT',
    });
    expect(head.topics.map((t) => t.topic)).toEqual(['v2.users.{id}.gone', 'v2.users.{id}.presence']);
    const first = readNotificationTopics(join(dir, 'work/.git'), 'o/r', 'HEAD~1');
    expect(first.source.release).toBe('1.0.0');
    expect(first.topics).toHaveLength(1);
    expect(topicsWithoutModel(head, { PresenceEventUserPresence: {} }).map((t) => t.model)).toEqual(['NoSuchModel']);
  });

  it('names the commit it cannot find', () => {
    expect(() => readNotificationTopics(join(dir, 'work/.git'), 'o/r', 'deadbeef')).toThrow(
      /git rev-parse --verify deadbeef\^\{commit\} in .* failed/,
    );
  });

  it('the CLI writes the file and --check compares it', async () => {
    const out = join(dir, 'topics.json');
    const write = jest.spyOn(process.stdout, 'write').mockImplementation(() => true);
    try {
      expect(await main(['topics', '--repo', join(dir, 'work/.git'), '--out', out])).toBe(0);
      expect(JSON.parse(readFileSync(out, 'utf8')).source.release).toBe('2.0.0');
      expect(await main(['topics', '--repo', join(dir, 'work/.git'), '--out', out, '--check'])).toBe(0);
      expect(await main(['topics', '--repo', join(dir, 'work/.git'), '--commit', 'HEAD~1', '--out', out, '--check'])).toBe(1);
      expect(write.mock.calls.map((c) => String(c[0])).join('')).toContain('1 without a model in the swagger');
    } finally {
      write.mockRestore();
    }
  });
});

describe('the committed spec/notification-topics.json', () => {
  it('records its source and maps every topic to a model of the committed swagger', () => {
    const doc = JSON.parse(readFileSync(join(ROOT, 'spec/notification-topics.json'), 'utf8'));
    expect(doc.source).toMatchObject({ repository: 'MyPureCloud/platform-client-sdk-javascript', path: 'notificationMappings.json' });
    expect(doc.source.commit).toMatch(/^[0-9a-f]{40}$/);
    const swagger = JSON.parse(readFileSync(join(ROOT, 'spec/platform-api.swagger.json'), 'utf8'));
    expect(topicsWithoutModel(doc, swagger.definitions)).toEqual([]);
    expect(doc.topics.length).toBeGreaterThan(200);
  });
});
