import { REDACTED, isSecretKey, redactBody, redactHeaders, redactSecrets, redactUrl, scrubText } from '../src/logging/redact.js';

/** Deep-freezes so that any mutation by the code under test throws (strict mode). */
function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const item of Object.values(value)) deepFreeze(item);
  }
  return value;
}

describe('REDACTED', () => {
  it('is the reference marker', () => {
    expect(REDACTED).toBe('[REDACTED]');
  });
});

describe('isSecretKey', () => {
  it.each([
    'access_token',
    'ACCESS_TOKEN',
    'accessToken',
    'access-token',
    'refresh_token',
    'id_token',
    'client_secret',
    'clientSecret',
    'assertion',
    'code_verifier',
    'password',
    'token',
    'Authorization',
    'apikey',
    'api_key',
    'API-Key',
    'secret',
    // The rule: the name CONTAINS a credential word, whatever the spelling.
    'newPassword',
    'oldPassword',
    'X-Auth-Token',
    'samlAssertion',
    'codeVerifier',
    'botCredentials',
    'credential',
    'appSecret',
    'outboundNotificationWebhookSignatureSecretToken',
    'private.key',
    'pass phrase',
    // Harmless names that the rule hides too (documented in redact.ts).
    'token_type',
    'tokens',
    'secretary',
    'nextPageToken',
    'tokenExpiryTime',
  ])('%s is secret', (key) => {
    expect(isSecretKey(key)).toBe(true);
  });

  it.each([
    'expires_in',
    'grant_type',
    'code',
    'name',
    'id',
    'key',
    'author',
    'verified',
    'orgAuthorization',
    'authorizationGrantDivisionAware',
  ])('%s is not secret', (key) => {
    expect(isSecretKey(key)).toBe(false);
  });
});

describe('redactHeaders', () => {
  it('returns undefined for no headers', () => {
    expect(redactHeaders(undefined)).toBeUndefined();
    expect(redactHeaders(null)).toBeUndefined();
  });

  it('redacts credential headers whatever their case and keeps the others', () => {
    const headers = deepFreeze({
      Authorization: 'Bearer tok-123456',
      'proxy-authorization': 'Basic cHJveHk6cGFzcw==',
      COOKIE: 'session=abc',
      'Set-Cookie': ['a=1', 'b=2'],
      'X-Api-Key': 'key-123456',
      'Content-Type': 'application/json',
      'inin-correlation-id': 'corr-1',
    });
    expect(redactHeaders(headers)).toEqual({
      Authorization: REDACTED,
      'proxy-authorization': REDACTED,
      COOKIE: REDACTED,
      'Set-Cookie': REDACTED,
      'X-Api-Key': REDACTED,
      'Content-Type': 'application/json',
      'inin-correlation-id': 'corr-1',
    });
  });

  it('stringifies values, joins arrays and drops missing ones', () => {
    expect(redactHeaders({ 'content-length': 42, accept: ['a', 'b'], none: undefined, empty: null, flag: true })).toEqual({
      'content-length': '42',
      accept: 'a, b',
      flag: 'true',
    });
  });

  it('does not mutate its input', () => {
    const headers = { authorization: 'Bearer abcdefgh', other: 'x' };
    const copy = redactHeaders(headers);
    expect(headers).toEqual({ authorization: 'Bearer abcdefgh', other: 'x' });
    expect(copy).not.toBe(headers);
  });

  it('reads fetch Headers and Maps', () => {
    const fetchHeaders = new Headers({ Authorization: 'Bearer abcdefgh', 'X-Thing': '1' });
    expect(redactHeaders(fetchHeaders as unknown as Record<string, unknown>)).toEqual({ authorization: REDACTED, 'x-thing': '1' });
    const map = new Map([['Cookie', 'c=1']]);
    expect(redactHeaders(map as unknown as Record<string, unknown>)).toEqual({ Cookie: REDACTED });
  });

  it('scrubs bearer credentials in non-standard headers', () => {
    expect(redactHeaders({ 'X-Forwarded-Auth': 'Bearer abc.def-123' })).toEqual({ 'X-Forwarded-Auth': `Bearer ${REDACTED}` });
  });
});

describe('redactUrl', () => {
  it('redacts secret query values and keeps everything else byte for byte', () => {
    const url = 'https://api.example.com/api/v2/x?pageSize=25&access_token=abc.def&q=a%20b&Client_Secret=s3cr3t&flag';
    expect(redactUrl(url)).toBe(
      `https://api.example.com/api/v2/x?pageSize=25&access_token=${REDACTED}&q=a%20b&Client_Secret=${REDACTED}&flag`,
    );
  });

  it('leaves URLs without secrets untouched', () => {
    const urls = ['https://api.example.com/api/v2/users/me', 'https://x/y?a=1&b=%E2%9C%93&c=&d', '/relative?x=1#frag', ''];
    for (const url of urls) expect(redactUrl(url)).toBe(url);
  });

  it('matches encoded secret parameter names and repeated parameters', () => {
    expect(redactUrl('https://x/?client%5Fsecret=a1&token=b2&token=c3')).toBe(
      `https://x/?client%5Fsecret=${REDACTED}&token=${REDACTED}&token=${REDACTED}`,
    );
  });

  it('keeps empty secret values as they are', () => {
    expect(redactUrl('https://x/?access_token=&a=1')).toBe('https://x/?access_token=&a=1');
  });

  it('redacts tokens in the fragment (implicit grant) and userinfo passwords', () => {
    expect(redactUrl('https://app.example.com/cb#access_token=tok123&expires_in=86399&token_type=bearer')).toBe(
      `https://app.example.com/cb#access_token=${REDACTED}&expires_in=86399&token_type=${REDACTED}`,
    );
    expect(redactUrl('https://user:hunter22@proxy.example.com:8080/path?a=1')).toBe(
      `https://user:${REDACTED}@proxy.example.com:8080/path?a=1`,
    );
  });
});

describe('the OAuth authorization code', () => {
  it('is hidden as a key=value pair (token request form, redirect query, free text) and kept as a JSON error code', () => {
    expect(redactBody('grant_type=authorization_code&code=AUTH-CODE-1&redirect_uri=x')).toBe(
      'grant_type=authorization_code&code=[REDACTED]&redirect_uri=x',
    );
    expect(redactUrl('https://app.example/cb?code=AUTH-CODE-1&state=s')).toBe('https://app.example/cb?code=[REDACTED]&state=s');
    expect(scrubText('rejected code=AUTH-CODE-1: invalid_grant')).toBe('rejected code=[REDACTED]: invalid_grant');
    expect(redactBody({ code: 'bad.request', message: 'm' })).toEqual({ code: 'bad.request', message: 'm' });
    expect(redactBody('{"code":"bad.request"}')).toBe('{"code":"bad.request"}');
  });
});

describe('redactBody', () => {
  it('redacts secret keys at any depth, in any spelling, inside arrays', () => {
    const body = {
      access_token: 'at-1',
      token_type: 'bearer',
      expires_in: 86399,
      nested: { RefreshToken: 'rt-1', list: [{ 'client-secret': 'cs-1', name: 'n' }], PASSWORD: 'pw' },
    };
    expect(redactBody(body)).toEqual({
      access_token: REDACTED,
      token_type: REDACTED,
      expires_in: 86399,
      nested: { RefreshToken: REDACTED, list: [{ 'client-secret': REDACTED, name: 'n' }], PASSWORD: REDACTED },
    });
  });

  it('redacts secret values that are not strings too, but keeps null/empty ones', () => {
    expect(redactBody({ secret: { a: 1 }, token: 12345, password: null, apikey: '' })).toEqual({
      secret: { a: REDACTED },
      token: REDACTED,
      password: null,
      apikey: '',
    });
  });

  it('under a secret key hides every string, number and date, however deep, and keeps the shape and the booleans', () => {
    const body = {
      credentials: [{ id: 'cred-1', fields: { user: 'u', pin: 1234 }, enabled: true, created: new Date(0), tags: ['t'] }],
      tokenExpiryTime: 1700000000000,
      clientSecretProvided: true,
      idleTokenTimeoutSeconds: 3600,
      name: 'kept',
    };
    expect(redactBody(body)).toEqual({
      credentials: [{ id: REDACTED, fields: { user: REDACTED, pin: REDACTED }, enabled: true, created: REDACTED, tags: [REDACTED] }],
      tokenExpiryTime: REDACTED,
      clientSecretProvided: true,
      idleTokenTimeoutSeconds: REDACTED,
      name: 'kept',
    });
  });

  it('hides a secret in a Map or JSON text under a secret key, and in JSON text by its own keys', () => {
    expect(redactBody({ secrets: new Map([['a', 'x1']]), text: '{"newPassword":"pw-1","id":"i"}' })).toEqual({
      secrets: { a: REDACTED },
      text: `{"newPassword":"${REDACTED}","id":"i"}`,
    });
  });

  it('never mutates its input', () => {
    const input = deepFreeze({ client_secret: 'cs', inner: { id_token: 'it', keep: [1, 2, { assertion: 'as' }] } });
    const snapshot = structuredClone(input);
    const output = redactBody(input) as typeof input;
    expect(input).toEqual(snapshot);
    expect(output).not.toBe(input);
    expect(output.inner).not.toBe(input.inner);
  });

  it('passes primitives through', () => {
    expect(redactBody(undefined)).toBeUndefined();
    expect(redactBody(null)).toBeNull();
    expect(redactBody(42)).toBe(42);
    expect(redactBody(true)).toBe(true);
    expect(redactBody('plain text')).toBe('plain text');
    expect(redactBody(10n)).toBe('10');
  });

  it('redacts form-encoded strings pair by pair', () => {
    const form = 'grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Asaml2-bearer&assertion=PHNhbWw%2B==&client_secret=s3&orgName=acme';
    expect(redactBody(form)).toBe(
      `grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Asaml2-bearer&assertion=${REDACTED}&client_secret=${REDACTED}&orgName=acme`,
    );
    expect(redactBody('grant_type=client_credentials')).toBe('grant_type=client_credentials');
  });

  it('redacts JSON strings and re-serialises them only when something changed', () => {
    expect(redactBody('{"refresh_token":"rt","a":1}')).toBe(`{"refresh_token":"${REDACTED}","a":1}`);
    const harmless = '{ "a": 1,\n  "b": [2] }';
    expect(redactBody(harmless)).toBe(harmless);
    expect(redactBody('[{"code_verifier":"v"}]')).toBe(`[{"code_verifier":"${REDACTED}"}]`);
    expect(redactBody('{not json')).toBe('{not json');
  });

  it('redacts JSON held in a string inside an object', () => {
    expect(redactBody({ payload: '{"password":"pw"}' })).toEqual({ payload: `{"password":"${REDACTED}"}` });
  });

  it('scrubs bearer credentials and key=value pairs in free text', () => {
    expect(redactBody({ note: 'sent Bearer abc.def-123 and token=xyz789 here' })).toEqual({
      note: `sent Bearer ${REDACTED} and token=${REDACTED} here`,
    });
  });

  it('replaces cycles by [Circular] but copies shared references', () => {
    const shared = { v: 1 };
    const node: Record<string, unknown> = { name: 'root', a: shared, b: shared };
    node.self = node;
    const copy = redactBody(node) as Record<string, unknown>;
    expect(copy).toEqual({ name: 'root', a: { v: 1 }, b: { v: 1 }, self: '[Circular]' });
    expect(() => JSON.stringify(copy)).not.toThrow();
  });

  it('cuts off absurdly deep bodies instead of overflowing the stack', () => {
    let deep: Record<string, unknown> = {};
    const root = deep;
    for (let i = 0; i < 10_000; i++) {
      const next = {};
      deep.next = next;
      deep = next;
    }
    expect(JSON.stringify(redactBody(root))).toContain('[Truncated]');
  });

  it('turns non-plain objects into sensible serialisable data', () => {
    const date = new Date('2024-01-02T03:04:05.000Z');
    class Credentials {
      constructor(
        public username: string,
        public password: string,
      ) {}
    }
    const form = new FormData();
    form.append('client_secret', 'cs');
    form.append('tag', 'a');
    form.append('tag', 'b');
    form.append('file', new Blob(['abc']), 'f.txt');
    const copy = redactBody({
      date,
      bytes: new Uint8Array(5),
      buffer: Buffer.from('hello'),
      arrayBuffer: new ArrayBuffer(3),
      blob: new Blob(['abcd']),
      params: new URLSearchParams({ token: 't', q: 'x y' }),
      form,
      map: new Map<unknown, unknown>([
        ['refresh_token', 'r'],
        [1, 'one'],
      ]),
      set: new Set(['a', 'b']),
      user: new Credentials('u', 'p'),
      withToJson: { toJSON: () => ({ access_token: 'x', ok: true }) },
      error: Object.assign(new Error('failed with token=abcd1234'), { code: 'E1' }),
      fn: () => 1,
      re: /a+/g,
    }) as Record<string, unknown>;
    expect(copy.date).toEqual(date);
    expect(copy.date).not.toBe(date);
    expect(copy.bytes).toBe('[binary 5 bytes]');
    expect(copy.buffer).toBe('[binary 5 bytes]');
    expect(copy.arrayBuffer).toBe('[binary 3 bytes]');
    expect(copy.blob).toBe('[Blob 4 bytes]');
    expect(copy.params).toBe(`token=${REDACTED}&q=x+y`);
    expect(copy.form).toEqual({ client_secret: REDACTED, tag: ['a', 'b'], file: '[File 3 bytes]' });
    expect(copy.map).toEqual({ refresh_token: REDACTED, 1: 'one' });
    expect(copy.set).toEqual(['a', 'b']);
    expect(copy.user).toEqual({ username: 'u', password: REDACTED });
    expect(copy.withToJson).toEqual({ access_token: REDACTED, ok: true });
    expect(copy.error).toEqual({ code: 'E1', name: 'Error', message: `failed with token=${REDACTED}` });
    expect(copy.fn).toBeUndefined();
    expect(copy.re).toBe('/a+/g');
  });

  it('describes streams instead of reading them', () => {
    const nodeLike = { pipe: () => undefined, on: () => undefined };
    expect(redactBody({ s: nodeLike, w: new ReadableStream() })).toEqual({ s: '[stream]', w: '[stream]' });
  });

  it('keeps a __proto__ key as data', () => {
    const input = JSON.parse('{"__proto__":{"password":"pw"},"a":1}') as unknown;
    const copy = redactBody(input) as Record<string, unknown>;
    expect(Object.getPrototypeOf(copy)).toBe(Object.prototype);
    expect(Object.keys(copy)).toEqual(['__proto__', 'a']);
    expect(JSON.stringify(copy)).toBe(`{"__proto__":{"password":"${REDACTED}"},"a":1}`);
  });
});

describe('scrubText', () => {
  it('redacts secret key=value pairs, JSON pairs and auth schemes', () => {
    expect(scrubText('GET https://x/?a=1&access_token=tok9&b=2 failed')).toBe(`GET https://x/?a=1&access_token=${REDACTED}&b=2 failed`);
    expect(scrubText('body {"client_secret": "cs\\"x", "name":"n"}')).toBe(`body {"client_secret": "${REDACTED}", "name":"n"}`);
    expect(scrubText('Authorization: Bearer eyJhbGciOi.J9abc')).toBe(`Authorization: Bearer ${REDACTED}`);
    expect(scrubText('Authorization: Basic ZGVtbzpzZWNyZXQ=')).toBe(`Authorization: Basic ${REDACTED}`);
  });

  it('keeps punctuation that ends the sentence after a redacted value', () => {
    expect(scrubText('GET /x?token=abc123: 401 (refresh_token=r1), done')).toBe(
      `GET /x?token=${REDACTED}: 401 (refresh_token=${REDACTED}), done`,
    );
    expect(scrubText(scrubText('a?access_token=tok: b'))).toBe(`a?access_token=${REDACTED}: b`);
  });

  it('leaves ordinary text alone', () => {
    const text = 'Basic authentication failed for user=bob; grant_type=client_credentials, expires_in=3600';
    expect(scrubText(text)).toBe(text);
  });

  it('redacts by the rule in free text too', () => {
    expect(scrubText('newPassword=hunter22 token_type=bearer "oldPassword": "pw"')).toBe(
      `newPassword=${REDACTED} token_type=${REDACTED} "oldPassword": "${REDACTED}"`,
    );
  });
});

describe('redactSecrets', () => {
  it('replaces every occurrence of each known secret', () => {
    expect(redactSecrets('id s3cr3t-value and again s3cr3t-value', ['s3cr3t-value'])).toBe(`id ${REDACTED} and again ${REDACTED}`);
  });

  it('ignores missing, empty and short secrets', () => {
    expect(redactSecrets('abc is fine, so is the rest', [undefined, null, '', 'abc'])).toBe('abc is fine, so is the rest');
  });

  it('replaces URL- and form-encoded forms too', () => {
    const secret = 'a/b+c d~!';
    const text = `raw ${secret} uri ${encodeURIComponent(secret)} form ${new URLSearchParams({ x: secret }).toString().slice(2)}`;
    expect(redactSecrets(text, [secret])).toBe(`raw ${REDACTED} uri ${REDACTED} form ${REDACTED}`);
  });

  it('replaces the longest secret first', () => {
    expect(redactSecrets('token abcd-efgh-ijkl', ['abcd', 'abcd-efgh-ijkl'])).toBe(`token ${REDACTED}`);
  });

  it('accepts any iterable', () => {
    expect(redactSecrets('x secret1 y secret2', new Set(['secret1', 'secret2']))).toBe(`x ${REDACTED} y ${REDACTED}`);
  });
});
