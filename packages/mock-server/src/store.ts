/** The stateful resources: users (and users/me), routing queues and their members, groups, presences, routing statuses, calls. */
import { Jobs } from './jobs.js';
import type { CallConversation, UserPresence } from './notifications/state-events.js';
import { rng, uuid } from './synth.js';

/** Entities a collection holds at most; creating more is refused (memory is not the test's subject). */
export const MAX_ENTITIES = 20_000;

export type Entity = { id: string; name?: string; [key: string]: unknown };

export class Collection {
  readonly items = new Map<string, Entity>();

  constructor(
    private readonly basePath: string,
    private readonly newId: () => string,
  ) {}

  get full(): boolean {
    return this.items.size >= MAX_ENTITIES;
  }

  create(body: Record<string, unknown>): Entity {
    const id = this.newId();
    const entity: Entity = { ...body, id, version: 1, selfUri: `${this.basePath}/${id}` };
    this.items.set(id, entity);
    return entity;
  }

  update(id: string, body: Record<string, unknown>): Entity | undefined {
    const current = this.items.get(id);
    if (!current) return undefined;
    const next: Entity = { ...current, ...body, id, version: Number(current['version'] ?? 1) + 1, selfUri: current['selfUri'] };
    this.items.set(id, next);
    return next;
  }

  /** A Genesys page of the entities that pass `filter`. */
  page(query: URLSearchParams, filter: (e: Entity) => boolean = () => true): Record<string, unknown> {
    return pageOf([...this.items.values()].filter(filter), query, this.basePath);
  }
}

/** A Genesys page: entities, pageSize, pageNumber, total, pageCount and the URIs. */
export function pageOf(all: readonly unknown[], query: URLSearchParams, basePath: string): Record<string, unknown> {
  const pageSize = Math.min(Math.max(Number(query.get('pageSize') ?? 25) || 25, 1), 500);
  const pageNumber = Math.max(Number(query.get('pageNumber') ?? 1) || 1, 1);
  const pageCount = Math.max(Math.ceil(all.length / pageSize), 1);
  const uri = (n: number) => `${basePath}?pageSize=${pageSize}&pageNumber=${n}`;
  return {
    entities: all.slice((pageNumber - 1) * pageSize, pageNumber * pageSize),
    pageSize,
    pageNumber,
    total: all.length,
    pageCount,
    firstUri: uri(1),
    selfUri: uri(pageNumber),
    lastUri: uri(pageCount),
    ...(pageNumber < pageCount ? { nextUri: uri(pageNumber + 1) } : {}),
    ...(pageNumber > 1 ? { previousUri: uri(pageNumber - 1) } : {}),
  };
}

export class Store {
  readonly users: Collection;
  readonly queues: Collection;
  readonly groups: Collection;
  /** Queue id → member user ids. */
  readonly members = new Map<string, Set<string>>();
  /** User id → presence source id (lower case) → presence; absent means the default, Available. */
  readonly presences = new Map<string, Map<string, UserPresence>>();
  /** User id → routing status; absent means OFF_QUEUE. */
  readonly routingStatuses = new Map<string, { userId: string; status: string; startTime: string }>();
  /** Call conversations by id. */
  readonly conversations = new Map<string, CallConversation>();
  /** Publishes a notification topic to subscribed channels; the notification hub sets it. */
  publish: (topic: string, eventBody: unknown) => void = () => undefined;
  /** Analytics details jobs. */
  readonly jobs: Jobs;

  constructor(seed: number, me: { id: string; name: string; email: string }, userCount: number) {
    const random = rng(seed);
    const newId = () => uuid(random);
    this.jobs = new Jobs(seed);
    this.users = new Collection('/api/v2/users', newId);
    this.queues = new Collection('/api/v2/routing/queues', newId);
    this.groups = new Collection('/api/v2/groups', newId);
    this.users.items.set(me.id, {
      id: me.id,
      name: me.name,
      email: me.email,
      state: 'active',
      version: 1,
      selfUri: `/api/v2/users/${me.id}`,
    });
    const first = ['Ada', 'Grace', 'Alan', 'Edsger', 'Barbara', 'Donald', 'Margaret', 'Ken', 'Frances', 'Niklaus'];
    for (let i = 1; i < userCount; i++) {
      const name = `${first[i % first.length]} ${String.fromCharCode(65 + (i % 26))}. Agent${i}`;
      this.users.create({ name, email: `agent${i}@example.com`, state: 'active' });
    }
  }
}
