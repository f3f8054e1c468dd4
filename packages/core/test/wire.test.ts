/** The reference's parameter handling, and axios's query encoding, reproduced exactly. */
import axios from 'axios';
import { InvalidRequestError } from '../src/index.js';
import {
  appendQuery,
  buildCollectionParam,
  buildUrl,
  encodeQueryString,
  jsonPreferredMime,
  paramToString,
  serializeQuery,
  validateHeader,
} from '../src/wire.js';

describe('paramToString', () => {
  it.each([
    [true, 'true'],
    [false, 'false'],
    [0, '0'],
    [1.5, '1.5'],
    [null, ''],
    [undefined, ''],
    ['', ''],
    ['x', 'x'],
    [new Date('2024-02-03T04:05:06.789Z'), '2024-02-03T04:05:06.789Z'],
  ])('%p -> %p', (input, expected) => {
    expect(paramToString(input)).toBe(expected);
  });

  it('drops false and 0 with the legacy filter, as the reference does', () => {
    expect(paramToString(false, true)).toBe('');
    expect(paramToString(0, true)).toBe('');
  });
});

describe('serializeQuery', () => {
  it('drops undefined, keeps order, joins arrays, stringifies the rest', () => {
    expect(serializeQuery({ b: 1, a: undefined, c: ['x', 'y'], d: null, e: false, f: new Date(0) })).toEqual({
      b: '1',
      c: 'x,y',
      d: '',
      e: 'false',
      f: '1970-01-01T00:00:00.000Z',
    });
    expect(Object.keys(serializeQuery({ z: 1, y: 2, x: 3 }))).toEqual(['z', 'y', 'x']);
  });
});

describe('buildCollectionParam', () => {
  it.each([
    ['csv', 'a,b'],
    ['ssv', 'a b'],
    ['tsv', 'a\tb'],
    ['pipes', 'a|b'],
  ])('%s', (format, expected) => {
    expect(buildCollectionParam(['a', 'b'], format)).toBe(expected);
  });

  it('keeps multi as an array, wraps single values, drops missing ones', () => {
    expect(buildCollectionParam(['a', true], 'multi')).toEqual(['a', 'true']);
    expect(buildCollectionParam('one', 'csv')).toBe('one');
    expect(buildCollectionParam(undefined, 'multi')).toBeUndefined();
    expect(() => buildCollectionParam(['a'], 'weird')).toThrow(InvalidRequestError);
  });
});

describe('encodeQueryString', () => {
  const nasty = ` %:/?#[]@!$&'()*+,;=😹~é\t`;
  it('matches axios byte for byte', () => {
    const params = { plain: 'abc', nasty, 'key with space': 'v', empty: '' };
    const viaAxios = axios.getUri({ url: 'http://h/p', params });
    expect(appendQuery('http://h/p', params)).toBe(viaAxios);
    expect(encodeQueryString({ nasty })).toBe(
      viaAxios
        .split('?')[1]!
        .split('&')
        .find((p) => p.startsWith('nasty='))!,
    );
  });

  it('appends to an existing query and drops a fragment', () => {
    expect(appendQuery('http://h/p?x=1#frag', { y: '2' })).toBe('http://h/p?x=1&y=2');
    expect(appendQuery('http://h/p', {})).toBe('http://h/p');
  });
});

describe('buildUrl', () => {
  it('encodes path parameters with encodeURIComponent', () => {
    expect(buildUrl('https://api.x', '/users/{userId}/queues/{queue-id}', { userId: 'a/b c', 'queue-id': 7 })).toBe(
      'https://api.x/users/a%2Fb%20c/queues/7',
    );
    expect(buildUrl('https://api.x', 'relative', {})).toBe('https://api.x/relative');
  });
});

describe('jsonPreferredMime', () => {
  it('prefers JSON, else the first', () => {
    expect(jsonPreferredMime(['text/plain', 'application/json; charset=utf-8'])).toBe('application/json; charset=utf-8');
    expect(jsonPreferredMime(['application/scim+json'])).toBe('application/scim+json');
    expect(jsonPreferredMime([])).toBeUndefined();
  });
});

describe('validateHeader', () => {
  it('accepts tokens and visible values, tabs and Latin-1', () => {
    expect(() => validateHeader("X-a!#$%&'*+.^_`|~1", 'v\t é', 's')).not.toThrow();
  });
  it.each([['X:y'], ['X y'], [''], ['Ünï']])('refuses the name %p', (name) => {
    expect(() => validateHeader(name, 'v', 'customHeaders')).toThrow(/RFC 7230 token/);
  });
  it.each([['a\nb'], ['a\rb'], ['a\u0007'], ['a\u007f'], ['😹']])('refuses the value %p', (value) => {
    expect(() => validateHeader('X', value, 'customHeaders')).toThrow(/cannot hold/);
  });
});
