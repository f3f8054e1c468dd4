/** What a transport returns: any HTTP status resolves; only failures without a response reject. */
export interface HttpResponse {
  status: number;
  statusText: string;
  /** Lower-case header names. */
  headers: Record<string, string>;
  /** Parsed JSON where the body is JSON, otherwise the text (as axios gives it). */
  data: unknown;
  /** The raw body text where the transport has it. */
  text?: string | undefined;
}

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE' | 'PATCH' | 'OPTIONS' | 'HEAD';
