/** Genesys-style error bodies. */
import type { ServerResponse } from 'node:http';

export interface GenesysError {
  message: string;
  code: string;
  status: number;
  contextId: string;
  details: unknown[];
  errors: { message: string; code: string; status: number }[];
}

export function errorBody(status: number, code: string, message: string, contextId: string, errors: string[] = []): GenesysError {
  return { message, code, status, contextId, details: [], errors: errors.map((e) => ({ message: e, code, status })) };
}

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = body === undefined ? '' : JSON.stringify(body);
  res.writeHead(status, { ...(text ? { 'content-type': 'application/json' } : {}), ...headers });
  res.end(text);
}
