/** The OAuth side of the mock: clients, users, tokens, and the /oauth endpoints. */
import { createHash, randomBytes } from 'node:crypto';
import { setBounded } from './bounded.js';

/** Tokens, refresh tokens and codes held at once: every login adds one, so the oldest go first. */
export const MAX_TOKENS = 50_000;
const MAX_CODES = 10_000;
/** An authorization code is good for this long, as the service's are short-lived. */
const CODE_LIFETIME_MS = 5 * 60_000;

export interface MockClient {
  id: string;
  secret: string;
  name?: string;
}

export interface MockUser {
  id: string;
  name: string;
  email: string;
}

export interface TokenInfo {
  clientId: string;
  userId: string | undefined;
  expiresAt: number;
}

export interface OAuthOptions {
  clients: MockClient[];
  /** The user who signs in through the login page and whose token `users/me` answers for. */
  user: MockUser;
  tokenLifetimeSeconds: number;
}

type TokenResult = { status: number; body: Record<string, unknown> };

const token = () => randomBytes(24).toString('base64url');
const challengeOf = (verifier: string) => createHash('sha256').update(verifier).digest('base64url');

export class OAuth {
  readonly tokens = new Map<string, TokenInfo>();
  private readonly refreshTokens = new Map<string, { clientId: string; userId: string | undefined }>();
  private readonly codes = new Map<
    string,
    { clientId: string; redirectUri: string; challenge?: string; userId: string; expiresAt: number }
  >();

  constructor(readonly options: OAuthOptions) {}

  client(id: string | null | undefined): MockClient | undefined {
    return this.options.clients.find((c) => c.id === id);
  }

  /** The token of a valid, unexpired Bearer header. */
  check(authorization: string | undefined): TokenInfo | undefined {
    const bearer = authorization?.startsWith('Bearer ') ? authorization.slice(7) : undefined;
    const info = bearer ? this.tokens.get(bearer) : undefined;
    if (!info) return undefined;
    if (info.expiresAt <= Date.now()) {
      this.tokens.delete(bearer!);
      return undefined;
    }
    return info;
  }

  revoke(accessToken?: string): number {
    if (accessToken) return this.tokens.delete(accessToken) ? 1 : 0;
    const n = this.tokens.size;
    this.tokens.clear();
    return n;
  }

  issue(clientId: string, userId: string | undefined, withRefresh: boolean): Record<string, unknown> {
    const access = token();
    setBounded(this.tokens, access, { clientId, userId, expiresAt: Date.now() + this.options.tokenLifetimeSeconds * 1000 }, MAX_TOKENS);
    const body: Record<string, unknown> = { access_token: access, token_type: 'bearer', expires_in: this.options.tokenLifetimeSeconds };
    if (withRefresh) {
      const refresh = token();
      setBounded(this.refreshTokens, refresh, { clientId, userId }, MAX_TOKENS);
      body['refresh_token'] = refresh;
    }
    return body;
  }

  /** An authorization code for the browser flows (with its PKCE challenge, if any). */
  authorize(clientId: string, redirectUri: string, challenge: string | undefined): string {
    const code = token();
    const entry = {
      clientId,
      redirectUri,
      ...(challenge ? { challenge } : {}),
      userId: this.options.user.id,
      expiresAt: Date.now() + CODE_LIFETIME_MS,
    };
    setBounded(this.codes, code, entry, MAX_CODES);
    return code;
  }

  /** POST /oauth/token. */
  tokenRequest(form: URLSearchParams, authorization: string | undefined): TokenResult {
    const fail = (error: string, description: string, status = 400): TokenResult => ({
      status,
      body: { error, error_description: description },
    });
    const basic = parseBasic(authorization);
    const authenticated = basic ? this.client(basic.id) : undefined;
    const secretOk = authenticated !== undefined && authenticated.secret === basic!.secret;
    switch (form.get('grant_type')) {
      case 'client_credentials':
        if (!secretOk) return fail('invalid_client', 'client authentication failed', 401);
        return { status: 200, body: this.issue(authenticated.id, undefined, false) };
      case 'urn:ietf:params:oauth:grant-type:saml2-bearer':
        if (!secretOk) return fail('invalid_client', 'client authentication failed', 401);
        if (!form.get('assertion') || !form.get('orgName')) return fail('invalid_request', 'assertion and orgName are required');
        return { status: 200, body: this.issue(authenticated.id, this.options.user.id, false) };
      case 'refresh_token': {
        if (!secretOk) return fail('invalid_client', 'client authentication failed', 401);
        const refresh = this.refreshTokens.get(form.get('refresh_token') ?? '');
        if (!refresh || refresh.clientId !== authenticated.id) return fail('invalid_grant', 'unknown refresh token');
        return { status: 200, body: this.issue(refresh.clientId, refresh.userId, true) };
      }
      case 'authorization_code': {
        const code = this.codes.get(form.get('code') ?? '');
        this.codes.delete(form.get('code') ?? '');
        if (!code || code.expiresAt <= Date.now()) return fail('invalid_grant', 'unknown, used or expired authorization code');
        if (form.has('code_verifier')) {
          if (!code.challenge || challengeOf(form.get('code_verifier')!) !== code.challenge)
            return fail('invalid_grant', 'code_verifier does not match the code_challenge');
          if (form.get('client_id') !== code.clientId) return fail('invalid_client', 'client_id does not match the code');
          if (form.get('redirect_uri') !== code.redirectUri) return fail('invalid_grant', 'redirect_uri does not match');
          return { status: 200, body: this.issue(code.clientId, code.userId, false) };
        }
        if (!secretOk || authenticated.id !== code.clientId) return fail('invalid_client', 'client authentication failed', 401);
        if (form.get('redirect_uri') !== code.redirectUri) return fail('invalid_grant', 'redirect_uri does not match');
        return { status: 200, body: this.issue(code.clientId, code.userId, true) };
      }
      default:
        return fail('unsupported_grant_type', `grant_type ${JSON.stringify(form.get('grant_type'))} is not supported`);
    }
  }
}

function parseBasic(authorization: string | undefined): { id: string; secret: string } | undefined {
  if (!authorization?.startsWith('Basic ')) return undefined;
  const decoded = Buffer.from(authorization.slice(6), 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  return colon === -1 ? undefined : { id: decoded.slice(0, colon), secret: decoded.slice(colon + 1) };
}

/** The small login page of /oauth/authorize. */
export function loginPage(query: URLSearchParams, user: MockUser): string {
  const hidden = [...query].map(([k, v]) => `<input type="hidden" name="${escape(k)}" value="${escape(v)}">`).join('');
  return `<!doctype html><html><head><meta charset="utf-8"><title>Genesys Cloud (mock) — sign in</title></head>
<body><h1>Sign in</h1><p>Mock Genesys Cloud login for <b>${escape(query.get('client_id') ?? '')}</b>.</p>
<form method="post" action="/oauth/authorize">${hidden}<p>Signed in as ${escape(user.name)} (${escape(user.email)})</p>
<button id="approve" name="decision" value="approve">Sign in</button> <button id="deny" name="decision" value="deny">Cancel</button></form></body></html>`;
}

function escape(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
