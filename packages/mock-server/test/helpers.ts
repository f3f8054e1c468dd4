/** Shared by the mock server's tests: a token and a raw request helper. */
import { request as httpRequest } from 'node:http';
import type { MockServer } from '../src/index.js';

export const BASIC = `Basic ${Buffer.from('demo-client:demo-secret').toString('base64')}`;

export async function clientToken(mock: MockServer): Promise<string> {
  const res = await fetch(`${mock.url}/oauth/token`, {
    method: 'POST',
    headers: { authorization: BASIC },
    body: new URLSearchParams({ grant_type: 'client_credentials' }),
  });
  return ((await res.json()) as { access_token: string }).access_token;
}

export interface RawAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Record<string, unknown> | undefined;
}

/** A request with the path exactly as given (fetch would re-encode it), and a JSON answer. */
export function raw(
  mock: MockServer,
  method: string,
  path: string,
  options: { token?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      `${mock.url}/`,
      {
        method,
        path,
        headers: {
          ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
          'content-type': 'application/json',
          ...options.headers,
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let body: Record<string, unknown> | undefined;
          try {
            body = text ? (JSON.parse(text) as Record<string, unknown>) : undefined;
          } catch {
            body = { text };
          }
          resolve({ status: res.statusCode!, headers: res.headers, body });
        });
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}
