/** The typed topics of @gcsdk/notifications: files planned from spec/notification-topics.json, and what the types say. */
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Project } from 'ts-morph';
import type { Schema } from '../src/model.js';
import { notificationFiles, topicPattern } from '../src/notifications.js';

const definitions: Record<string, Schema> = {
  PresenceEventUserPresence: {
    type: 'object',
    properties: { source: { type: 'string' }, presenceDefinition: { $ref: '#/definitions/PresenceEventOrganizationPresence' } },
  },
  PresenceEventOrganizationPresence: { type: 'object', properties: { id: { type: 'string' }, systemPresence: { type: 'string' } } },
  SystemMessageSystemMessage: { type: 'object', properties: { message: { type: 'string' } } },
  Unrelated: { type: 'object', properties: { x: { type: 'number' } } },
};

describe('notification topic types', () => {
  let root: string;
  let files: Map<string, string>;
  const generated = (name: string) => files.get(join(root, 'packages/notifications/src/generated', name))!;

  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), 'gen-topics-'));
    mkdirSync(join(root, 'spec'));
    writeFileSync(
      join(root, 'spec/notification-topics.json'),
      JSON.stringify({
        source: { repository: 'o/r', commit: 'a'.repeat(40), release: '9.9.9', path: 'notificationMappings.json', license: 'MIT' },
        topics: [
          { topic: 'v2.users.{id}.presence', model: 'PresenceEventUserPresence' },
          { topic: 'v2.system.socket_closing', model: 'SystemMessageSystemMessage' },
          { topic: 'v2.system.{id}.{id}', model: 'SystemMessageSystemMessage' },
          { topic: 'v2.things.{id}', model: 'NotInTheSwagger' },
        ],
      }),
    );
    files = notificationFiles(root, definitions);
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('writes a template literal per topic', () => {
    expect(topicPattern('v2.users.{id}.presence')).toBe('`v2.users.${string}.presence`');
    expect(topicPattern('v2.system.{id}.{id}')).toBe('`v2.system.${string}.${string}`');
    expect(topicPattern('v2.system.socket_closing')).toBe('"v2.system.socket_closing"');
  });

  it('plans events.ts with the mapped models and those they reach, and no others', () => {
    const events = generated('events.ts');
    expect(events).toContain('export interface PresenceEventUserPresence');
    expect(events).toContain('export interface PresenceEventOrganizationPresence');
    expect(events).toContain('export interface SystemMessageSystemMessage');
    expect(events).not.toContain('Unrelated');
  });

  it('leaves a topic whose model the swagger lacks to the generic body, and says so', () => {
    const topics = generated('topics.ts');
    expect(topics).not.toContain('"v2.things.{id}"');
    expect(topics).toContain('(v2.things.{id}) are left out and get GenericEventBody');
    expect(topics).toContain('o/r 9.9.9 (commit aaaaaaaaaaaa)');
  });

  it('types a concrete topic name by the template it matches, in strict TypeScript', () => {
    const project = new Project({ useInMemoryFileSystem: true, compilerOptions: { strict: true, noEmit: true } });
    project.createSourceFile('/g/events.ts', generated('events.ts'));
    project.createSourceFile('/g/topics.ts', generated('topics.ts'));
    project.createSourceFile(
      '/g/use.ts',
      `import type { EventBodyOf, GenericEventBody, Events } from './topics.js';
type Eq<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
export const presence: Eq<EventBodyOf<'v2.users.42.presence'>, Events.PresenceEventUserPresence> = true;
export const closing: Eq<EventBodyOf<'v2.system.socket_closing'>, Events.SystemMessageSystemMessage> = true;
export const twoIds: Eq<EventBodyOf<'v2.system.a.b'>, Events.SystemMessageSystemMessage> = true;
export const unmapped: Eq<EventBodyOf<'v2.things.1'>, GenericEventBody> = true;
export const anyName: Eq<EventBodyOf<string>, GenericEventBody> = true;
export const wrong: Eq<EventBodyOf<'v2.users.42.presence'>, GenericEventBody> = false;
export const system: string | undefined = ({} as EventBodyOf<'v2.users.1.presence'>).presenceDefinition?.systemPresence;`,
    );
    const problems = project.getPreEmitDiagnostics().map((d) => `${d.getSourceFile()?.getBaseName()}: ${d.getMessageText()}`);
    expect(problems).toEqual([]);
  });

  it('plans nothing for a repository without a topics file', () => {
    const bare = mkdtempSync(join(tmpdir(), 'gen-no-topics-'));
    try {
      expect(notificationFiles(bare, definitions).size).toBe(0);
    } finally {
      rmSync(bare, { recursive: true, force: true });
    }
  });
});
