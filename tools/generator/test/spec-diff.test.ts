/** The version bump rules, one pair of specs each: the base spec of spec-pair.ts against an edited copy. */
import { diffSpecs, UMBRELLA, type SpecDiff } from '../src/spec-diff.js';
import { asSwagger, baseSpec, definition, op, operation, param, ref, variant, type Spec } from './spec-pair.js';

const USERS = '@gcsdk/api-users';
const GROUPS = '@gcsdk/api-groups';
const STATIONS = '@gcsdk/api-stations';

const diffOf = (edit: (spec: Spec) => void) => diffSpecs(asSwagger(baseSpec()), asSwagger(variant(edit)));

/** Each package that needs a release (or is gone) with its bump. */
const bumps = (diff: SpecDiff) => Object.fromEntries(diff.packages.map((p) => [p.name, p.bump ?? 'removed']));

/** A package's changes as `<bump> <subject>: <text>`. */
function lines(diff: SpecDiff, name: string): string[] {
  const changes = name === UMBRELLA ? diff.umbrella.changes : (diff.packages.find((p) => p.name === name)?.changes ?? []);
  return changes.map((c) => `${c.bump} ${c.kind === 'model' ? `model ${c.subject}` : c.subject}: ${c.text}`);
}

interface Rule {
  rule: string;
  edit: (spec: Spec) => void;
  /** Every package with a release, and nothing else. */
  bumps: Record<string, string>;
  /** The changes listed for the first package of `bumps`, exactly. */
  lines: string[];
  umbrella: string;
}

const USER = '/api/v2/users/{userId}';

const rules: Rule[] = [
  // major
  {
    rule: 'an operation removed',
    edit: (s) => delete s.paths[USER]!['patch'],
    bumps: { [USERS]: 'major' },
    lines: ['major patchUser: removed', 'major model UserPatch: removed (no operation of this package uses it now)'],
    umbrella: 'major',
  },
  {
    rule: 'a parameter made required',
    edit: (s) => (param(s, '/api/v2/users', 'get', 'pageSize').required = true),
    bumps: { [USERS]: 'major' },
    lines: ['major getUsers: parameter `pageSize` made required (now a positional argument)'],
    umbrella: 'major',
  },
  {
    rule: 'a new required parameter',
    edit: (s) => op(s, '/api/v2/users', 'get').parameters.push({ name: 'force', in: 'query', type: 'boolean', required: true }),
    bumps: { [USERS]: 'major' },
    lines: ['major getUsers: parameter `force` added (required)'],
    umbrella: 'major',
  },
  {
    rule: 'a required parameter made optional (it leaves the positional arguments)',
    edit: (s) => (param(s, USER, 'patch', 'body').required = false),
    bumps: { [USERS]: 'major' },
    lines: ['major patchUser: parameter `body` made optional (moved into `opts`)'],
    umbrella: 'major',
  },
  {
    rule: 'positional arguments reordered',
    edit: (s) => op(s, USER, 'patch').parameters.reverse(),
    bumps: { [USERS]: 'major' },
    lines: ['major patchUser: positional arguments reordered: (userId, body) → (body, userId)'],
    umbrella: 'major',
  },
  {
    rule: 'a parameter removed',
    edit: (s) => (op(s, USER, 'get').parameters = op(s, USER, 'get').parameters.filter((p) => p.name !== 'expand')),
    bumps: { [USERS]: 'major' },
    lines: ['major getUser: parameter `expand` removed'],
    umbrella: 'major',
  },
  {
    rule: 'a parameter retyped',
    edit: (s) => (param(s, '/api/v2/users', 'get', 'pageSize').type = 'string'),
    bumps: { [USERS]: 'major' },
    lines: ['major getUsers: parameter `pageSize`: type changed from `number` to `string`'],
    umbrella: 'major',
  },
  {
    rule: 'an enum value removed from a parameter',
    edit: (s) => (param(s, USER, 'get', 'state').enum = ['active']),
    bumps: { [USERS]: 'major' },
    lines: ['major getUser: parameter `state`: values removed: `"inactive"`'],
    umbrella: 'major',
  },
  {
    rule: 'a response type changed',
    edit: (s) => (op(s, '/api/v2/users', 'get').responses = { '200': { schema: { type: 'array', items: ref('User') } } }),
    bumps: { [USERS]: 'major' },
    lines: [
      'major getUsers: response: type changed from `UserListing` to `User[]`',
      'major model UserListing: removed (no operation of this package uses it now)',
    ],
    umbrella: 'major',
  },
  {
    rule: 'a response dropped',
    edit: (s) => (op(s, '/api/v2/groups/{groupId}', 'get').responses = {}),
    bumps: { [GROUPS]: 'major' },
    lines: ['major getGroup: response: type changed from `Group` to `void`'],
    umbrella: 'major',
  },
  {
    rule: 'the HTTP method and path of an operationId changed',
    edit: (s) => {
      s.paths['/api/v2/teams/{groupId}'] = { post: op(s, '/api/v2/groups/{groupId}', 'get') };
      delete s.paths['/api/v2/groups/{groupId}'];
    },
    bumps: { [GROUPS]: 'major' },
    lines: ['major getGroup: now `POST /api/v2/teams/{groupId}` (was `GET /api/v2/groups/{groupId}`)'],
    umbrella: 'major',
  },
  {
    rule: 'a model property removed',
    edit: (s) => delete definition(s, 'User').properties['name'],
    bumps: { [USERS]: 'major' },
    lines: ['major model User: property `name` removed'],
    umbrella: 'major',
  },
  {
    rule: 'a model property retyped',
    edit: (s) => (definition(s, 'User').properties['name'] = { type: 'integer' }),
    bumps: { [USERS]: 'major' },
    lines: ['major model User: property `name`: type changed from `string` to `number`'],
    umbrella: 'major',
  },
  {
    rule: 'a property made required in a model that is sent',
    edit: (s) => (definition(s, 'UserPatch').required = ['name']),
    bumps: { [USERS]: 'major' },
    lines: ['major model UserPatch: property `name` made required'],
    umbrella: 'major',
  },
  {
    rule: 'a required property added to a model that is sent',
    edit: (s) => {
      definition(s, 'UserPatch').properties['email'] = { type: 'string' };
      definition(s, 'UserPatch').required = ['email'];
    },
    bumps: { [USERS]: 'major' },
    lines: ['major model UserPatch: property `email` added (required)'],
    umbrella: 'major',
  },
  {
    rule: 'a property made optional in a model that is received',
    edit: (s) => (definition(s, 'User').required = []),
    bumps: { [USERS]: 'major' },
    lines: ['major model User: property `id` made optional'],
    umbrella: 'major',
  },
  {
    rule: 'an operation moved to another tag: major for the package it left, minor for the one it joined',
    edit: (s) => (op(s, '/api/v2/groups/{groupId}', 'get').tags = ['Users']),
    bumps: { [GROUPS]: 'major', [USERS]: 'minor' },
    lines: ['major getGroup: removed (now in `@gcsdk/api-users`)'],
    umbrella: 'major',
  },
  {
    rule: 'a package removed: no changeset (it cannot be released), the umbrella major',
    edit: (s) => {
      s.tags = s.tags.filter((t) => t.name !== 'Stations');
      delete s.paths['/api/v2/stations'];
    },
    bumps: { [STATIONS]: 'removed' },
    lines: [],
    umbrella: 'major',
  },
  // minor
  {
    rule: 'an operation added',
    edit: (s) => (s.paths['/api/v2/users/me'] = { get: operation('Users', 'getUsersMe', [], ref('User')) }),
    bumps: { [USERS]: 'minor' },
    lines: ['minor getUsersMe: added'],
    umbrella: 'minor',
  },
  {
    rule: 'an optional parameter added',
    edit: (s) => op(s, '/api/v2/users', 'get').parameters.push({ name: 'expand', in: 'query', type: 'array', items: { type: 'string' } }),
    bumps: { [USERS]: 'minor' },
    lines: ['minor getUsers: parameter `expand` added (optional)'],
    umbrella: 'minor',
  },
  {
    rule: 'a model property added',
    edit: (s) => (definition(s, 'User').properties['email'] = { type: 'string' }),
    bumps: { [USERS]: 'minor' },
    lines: ['minor model User: property `email` added'],
    umbrella: 'minor',
  },
  {
    rule: 'a required property added to a model that is only received',
    edit: (s) => {
      definition(s, 'User').properties['email'] = { type: 'string' };
      definition(s, 'User').required = ['id', 'email'];
    },
    bumps: { [USERS]: 'minor' },
    lines: ['minor model User: property `email` added (required)'],
    umbrella: 'minor',
  },
  {
    rule: 'a property made required in a model that is only received',
    edit: (s) => (definition(s, 'User').required = ['id', 'name']),
    bumps: { [USERS]: 'minor' },
    lines: ['minor model User: property `name` made required'],
    umbrella: 'minor',
  },
  {
    rule: 'a new model',
    edit: (s) => {
      definition(s, 'User').properties['manager'] = ref('Manager');
      s.definitions['Manager'] = { type: 'object', properties: { id: { type: 'string' } } };
    },
    bumps: { [USERS]: 'minor' },
    lines: ['minor model Manager: added', 'minor model User: property `manager` added'],
    umbrella: 'minor',
  },
  {
    rule: 'enum values added',
    edit: (s) => (definition(s, 'User').properties['state']!.enum = ['active', 'inactive', 'deleted']),
    bumps: { [USERS]: 'minor' },
    lines: ['minor model User: property `state`: values added: `"deleted"`'],
    umbrella: 'minor',
  },
  {
    rule: 'a string property now an (open) enum: any string still compiles',
    edit: (s) => (definition(s, 'User').properties['name']!.enum = ['Ann', 'Bob']),
    bumps: { [USERS]: 'minor' },
    lines: ['minor model User: property `name`: values now listed (any string still accepted): `"Ann"`, `"Bob"`'],
    umbrella: 'minor',
  },
  {
    rule: 'an array parameter of strings now of (open) enum values',
    edit: (s) => (param(s, USER, 'get', 'expand').items = { type: 'string', enum: ['groups', 'skills'] }),
    bumps: { [USERS]: 'minor' },
    lines: ['minor getUser: parameter `expand`: values now listed (any string still accepted): `"groups"`, `"skills"`'],
    umbrella: 'minor',
  },
  {
    rule: 'an (open) enum property now a plain string',
    edit: (s) => delete definition(s, 'User').properties['state']!.enum,
    bumps: { [USERS]: 'minor' },
    lines: ['minor model User: property `state`: values no longer listed (any string accepted)'],
    umbrella: 'minor',
  },
  {
    rule: 'a parameter sent elsewhere (location): calls compile unchanged',
    edit: (s) => (param(s, '/api/v2/users', 'get', 'pageSize').in = 'header'),
    bumps: { [USERS]: 'minor' },
    lines: ['minor getUsers: parameter `pageSize`: now sent in header (was query)'],
    umbrella: 'minor',
  },
  {
    rule: 'a collection format changed',
    edit: (s) => (param(s, USER, 'get', 'expand').collectionFormat = 'csv'),
    bumps: { [USERS]: 'minor' },
    lines: ['minor getUser: parameter `expand`: collection format csv (was multi)'],
    umbrella: 'minor',
  },
  {
    rule: 'an operation newly deprecated (SemVer: deprecation is a minor)',
    edit: (s) => (op(s, '/api/v2/users', 'get').deprecated = true),
    bumps: { [USERS]: 'minor' },
    lines: ['minor getUsers: deprecated'],
    umbrella: 'minor',
  },
  {
    rule: 'a new package',
    edit: (s) => {
      s.tags.push({ name: 'Web Chat' });
      s.paths['/api/v2/webchat/settings'] = { get: operation('Web Chat', 'getWebchatSettings', [], ref('Orphan')) };
    },
    bumps: { '@gcsdk/api-web-chat': 'minor' },
    lines: ['minor getWebchatSettings: added'],
    umbrella: 'minor',
  },
  {
    rule: 'request content types changed (the operation table changes, the call does not)',
    edit: (s) => (op(s, USER, 'patch').consumes = ['application/merge-patch+json']),
    bumps: { [USERS]: 'minor' },
    lines: ['minor patchUser: request content types: application/merge-patch+json (were application/json)'],
    umbrella: 'minor',
  },
  {
    rule: 'authentication changed',
    edit: (s) => (op(s, '/api/v2/stations', 'get').security = [{ 'Guest Chat JWT': [] }]),
    bumps: { [STATIONS]: 'minor' },
    lines: ['minor getStations: authentication: Guest Chat JWT (was PureCloud OAuth)'],
    umbrella: 'minor',
  },
  // patch
  {
    rule: 'summary and description changed',
    edit: (s) => Object.assign(op(s, '/api/v2/users', 'get'), { summary: 'Lists users', description: 'Every user, by page.' }),
    bumps: { [USERS]: 'patch' },
    lines: ['patch getUsers: description changed', 'patch getUsers: summary changed'],
    umbrella: 'patch',
  },
  {
    rule: 'required permissions recorded (TSDoc only)',
    edit: (s) =>
      Object.assign(op(s, '/api/v2/users', 'get'), {
        'x-inin-requires-permissions': { type: 'ANY', permissions: ['directory:user:view'] },
      }),
    bumps: { [USERS]: 'patch' },
    lines: ['patch getUsers: required permissions: Requires ANY of these permissions: `directory:user:view`. (was: none recorded)'],
    umbrella: 'patch',
  },
  {
    rule: 'a parameter’s description and documented default changed',
    edit: (s) => Object.assign(param(s, '/api/v2/users', 'get', 'pageSize'), { description: 'How many', default: 25 }),
    bumps: { [USERS]: 'patch' },
    lines: [
      'patch getUsers: parameter `pageSize`: description changed',
      'patch getUsers: parameter `pageSize`: documented default 25 (was none)',
    ],
    umbrella: 'patch',
  },
  {
    rule: 'a tag renamed to the same package: its class is renamed',
    edit: (s) => {
      s.tags = s.tags.map((t) => (t.name === 'Stations' ? { name: 'STATIONS' } : t));
      op(s, '/api/v2/stations', 'get').tags = ['STATIONS'];
    },
    bumps: { [STATIONS]: 'major' },
    lines: ['major @gcsdk/api-stations: class `StationsApi` renamed `STATIONSApi`'],
    umbrella: 'major',
  },
  {
    rule: 'an operation put in preview',
    edit: (s) => (op(s, '/api/v2/groups', 'get')['x-genesys-preview'] = true),
    bumps: { [GROUPS]: 'patch' },
    lines: ['patch getGroups: now in preview'],
    umbrella: 'patch',
  },
];

describe('version bump rules', () => {
  it.each(rules.map((r) => [r.rule, r] as const))('%s', (_, rule) => {
    const diff = diffOf(rule.edit);
    expect(bumps(diff)).toEqual(rule.bumps);
    expect(lines(diff, Object.keys(rule.bumps)[0]!)).toEqual(rule.lines);
    expect(diff.umbrella.bump).toBe(rule.umbrella);
  });

  it('a response where there was none: minor (no call breaks)', () => {
    const before = variant((s) => (op(s, '/api/v2/groups/{groupId}', 'get').responses = {}), '1.0.0');
    const diff = diffSpecs(asSwagger(before), asSwagger(baseSpec('2.0.0')));
    expect(bumps(diff)).toEqual({ [GROUPS]: 'minor' });
    expect(lines(diff, GROUPS)).toEqual(['minor getGroup: response added: `Group`']);
  });

  it('an operation no longer deprecated or out of preview: patch', () => {
    const before = variant((s) => Object.assign(op(s, '/api/v2/groups', 'get'), { deprecated: true, 'x-genesys-preview': true }), '1.0.0');
    const diff = diffSpecs(asSwagger(before), asSwagger(baseSpec('2.0.0')));
    expect(bumps(diff)).toEqual({ [GROUPS]: 'patch' });
    expect(lines(diff, GROUPS)).toEqual(['patch getGroups: no longer deprecated', 'patch getGroups: no longer in preview']);
  });

  it('lists the package an operation joined, and the models it brought', () => {
    const diff = diffOf((s) => (op(s, '/api/v2/groups/{groupId}', 'get').tags = ['Users']));
    expect(lines(diff, USERS)).toEqual(['minor getGroup: added (was in `@gcsdk/api-groups`)', 'minor model Group: added']);
    expect(lines(diff, UMBRELLA)).toEqual(['major @gcsdk/api-groups: 1 breaking change', 'minor @gcsdk/api-users: 2 compatible changes']);
  });

  it('the umbrella lists a removed package and a new one', () => {
    const removed = diffOf((s) => {
      s.tags = s.tags.filter((t) => t.name !== 'Stations');
      delete s.paths['/api/v2/stations'];
    });
    expect(lines(removed, UMBRELLA)).toEqual([
      'major @gcsdk/api-stations: removed: the tag `Stations` is no longer in the spec (`StationsApi` is gone)',
    ]);
    const added = diffOf((s) => {
      s.tags.push({ name: 'Web Chat' });
      s.paths['/api/v2/webchat/settings'] = { get: operation('Web Chat', 'getWebchatSettings', [], ref('Orphan')) };
    });
    expect(lines(added, UMBRELLA)).toEqual(['minor @gcsdk/api-web-chat: new package: `WebChatApi` for the tag `Web Chat`, 1 operation']);
  });

  it('leaves untouched packages out, and names them unchanged', () => {
    const diff = diffOf((s) => (op(s, '/api/v2/users', 'get').summary = 'Lists users'));
    expect(diff.packages.map((p) => p.name)).toEqual([USERS]);
    expect(diff.unchanged).toEqual([GROUPS, STATIONS]);
  });

  it('gives the umbrella the highest bump of its packages', () => {
    const diff = diffOf((s) => {
      s.paths['/api/v2/users/me'] = { get: operation('Users', 'getUsersMe', [], ref('User')) };
      op(s, '/api/v2/groups', 'get').summary = 'Lists groups';
    });
    expect(bumps(diff)).toEqual({ [GROUPS]: 'patch', [USERS]: 'minor' });
    expect(diff.umbrella.bump).toBe('minor');
    expect(lines(diff, UMBRELLA)).toEqual([
      'minor @gcsdk/api-users: 1 compatible change',
      'patch @gcsdk/api-groups: 1 documentation change',
    ]);
  });

  it('judges a model no operation uses in the umbrella only (its Models namespace exports every model)', () => {
    const diff = diffOf((s) => delete definition(s, 'Orphan').properties['id']);
    expect(diff.packages).toEqual([]);
    expect(diff.umbrella.bump).toBe('major');
    expect(lines(diff, UMBRELLA)).toEqual(['major model Orphan: property `id` removed']);
  });

  it.each<[string, (spec: Spec) => void]>([
    ['integer to number (both `number`)', (s) => (param(s, '/api/v2/users', 'get', 'pageSize').type = 'number')],
    [
      'a property description (TSDoc only, no release of its own)',
      (s) => (definition(s, 'User').properties['name']!.description = 'Full name'),
    ],
    ['enum values reordered', (s) => (param(s, USER, 'get', 'state').enum = ['inactive', 'active'])],
    ['the order of the paths and definitions', (s) => Object.assign(s, { paths: reversed(s.paths), definitions: reversed(s.definitions) })],
  ])('reports nothing the generated code does not show: %s', (_, edit) => {
    const diff = diffOf(edit);
    expect(diff.packages).toEqual([]);
    expect(diff.umbrella).toEqual({ bump: undefined, changes: [] });
  });

  it('is deterministic', () => {
    const edit = (s: Spec) => {
      delete s.paths[USER]!['patch'];
      definition(s, 'User').properties['email'] = { type: 'string' };
      op(s, '/api/v2/groups', 'get').summary = 'Lists groups';
    };
    expect(diffOf(edit)).toEqual(diffOf(edit));
  });
});

function reversed<T>(record: Record<string, T>): Record<string, T> {
  return Object.fromEntries(Object.entries(record).reverse());
}
