/**
 * What the four login programs share: where they log in (the embedded mock server, or a real org
 * named by GENESYS_CLOUD_* variables), a small HTTP server for the redirect URI, and — against the
 * mock only — a stand-in for the person who signs in at the browser.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApiClient } from '@gcsdk/core';
import { startMockServer } from '@gcsdk/mock-server';

/** The environment variables the programs read; each program names the ones it needs. */
export type Setting =
  | 'GENESYS_CLOUD_CLIENT_ID'
  | 'GENESYS_CLOUD_CLIENT_SECRET'
  | 'GENESYS_CLOUD_ORG_NAME'
  | 'GENESYS_CLOUD_SAML_ASSERTION'
  | 'GENESYS_CLOUD_REDIRECT_URI';

export type Print = (line: string) => void;

export interface Target {
  description: string;
  /** A setting: from the environment for a real org, the mock's demo value otherwise. */
  setting(name: Setting): string;
  /** A new client that sends its requests (logins included) to the target. */
  newClient(): ApiClient;
  /** The login page's address with `params`: /oauth/authorize on the login host (or the mock). */
  authorizeUrl(params: Record<string, string>): string;
  /**
   * Sends the user to `url` in a browser. Against the mock the stand-in does it (and resolves once
   * the redirect back to the program has been answered); against an org it prints the URL.
   */
  sendUserTo(url: string, print: Print): Promise<void>;
  close(): Promise<void>;
}

export interface Program {
  name: string;
  /** The settings it needs against a real org. */
  needs: readonly Setting[];
  run(target: Target, print: Print): Promise<void>;
}

/** The values the embedded mock accepts: its demo client may use every grant. */
const MOCK_SETTINGS: Record<Setting, string> = {
  GENESYS_CLOUD_CLIENT_ID: 'demo-client',
  GENESYS_CLOUD_CLIENT_SECRET: 'demo-secret',
  GENESYS_CLOUD_ORG_NAME: 'demo-org',
  // The mock checks only that an assertion is there; a real one is signed by your identity provider.
  GENESYS_CLOUD_SAML_ASSERTION: Buffer.from('<saml2:Assertion>stand-in for an IdP-signed assertion</saml2:Assertion>').toString('base64'),
  // Port 0: any free port (a real org only redirects to a URI registered on its OAuth client).
  GENESYS_CLOUD_REDIRECT_URI: 'http://127.0.0.1:0/callback',
};

/** A real org is meant as soon as a region or a client id is in the environment. */
export function realOrgWanted(): boolean {
  return Boolean(process.env['GENESYS_CLOUD_REGION'] || process.env['GENESYS_CLOUD_CLIENT_ID']);
}

/** The embedded mock server, or the real org named by the environment (checked for `needs`). */
export async function openTarget(program: string, needs: readonly Setting[]): Promise<Target> {
  const env = process.env;
  if (realOrgWanted()) {
    const region = env['GENESYS_CLOUD_REGION'];
    const missing = [...(region ? [] : ['GENESYS_CLOUD_REGION']), ...needs.filter((name) => !env[name])];
    if (missing.length) throw new Error(`against a real org, set ${missing.join(', ')} (see README.md)`);
    const newClient = () => {
      const client = new ApiClient({ readConfigFile: false });
      client.setEnvironment(region);
      return client;
    };
    return {
      description: `Genesys Cloud org in ${region}`,
      setting: (name) => {
        const value = env[name];
        if (!value) throw new Error(`${program}: ${name} is not set`);
        return value;
      },
      newClient,
      authorizeUrl: authorizeUrlOf(newClient),
      sendUserTo: async (url, print) => print(`Open this address in a browser and sign in:\n  ${url}`),
      close: async () => undefined,
    };
  }
  const mock = await startMockServer();
  const newClient = () => {
    const client = new ApiClient({ readConfigFile: false });
    client.setGateway({ host: '127.0.0.1', protocol: 'http', port: mock.port });
    return client;
  };
  return {
    description: `embedded mock server at ${mock.url} (set GENESYS_CLOUD_REGION and the variables in README.md to use a real org)`,
    setting: (name) => MOCK_SETTINGS[name],
    newClient,
    authorizeUrl: authorizeUrlOf(newClient),
    sendUserTo: (url, print) => actAsBrowser(url, print),
    close: () => mock.close(),
  };
}

/** Builds login page addresses from where the clients send their login requests (login.<region>, or the gateway). */
function authorizeUrlOf(newClient: () => ApiClient): (params: Record<string, string>) => string {
  const probe = newClient();
  const loginBase = probe.config.getConfUrl('login', probe.config.authUrl);
  probe.close();
  return (params) => `${loginBase}/oauth/authorize?${new URLSearchParams(params).toString()}`;
}

/**
 * THE PERSON AT THE BROWSER, played by code (mock only: a real login page is for people). Opens
 * `url`, following redirects to the mock's login page; submits its form as a click on "Sign in"
 * would (the hidden fields plus decision=approve); then follows the login service's redirect back
 * to the program's redirect URI, as a browser does, and checks that page's answer.
 */
async function actAsBrowser(url: string, print: Print): Promise<void> {
  const page = await fetch(url);
  const html = await page.text();
  if (!page.ok) throw new Error(`browser stand-in: ${page.url} answered ${page.status}: ${html}`);
  const form = /<form\b[^>]*\baction="([^"]*)"[^>]*>([\s\S]*?)<\/form>/.exec(html);
  if (!form) throw new Error(`browser stand-in: no sign-in form at ${page.url}`);
  const fields = new URLSearchParams();
  for (const [input] of form[2]!.matchAll(/<input\b[^>]*>/g)) {
    const name = attribute(input, 'name');
    if (attribute(input, 'type') === 'hidden' && name !== undefined) fields.append(name, attribute(input, 'value') ?? '');
  }
  fields.append('decision', 'approve'); // the "Sign in" button
  print(`Browser stand-in: signing in on the mock's login page (${new URL(page.url).pathname})`);
  // The answer is a 302 to the redirect URI; fetch follows it with a GET, as a browser does after a form POST.
  const back = await fetch(new URL(decodeHtml(form[1]!), page.url), { method: 'POST', body: fields });
  const text = await back.text();
  if (!back.ok) throw new Error(`browser stand-in: ${new URL(back.url).pathname} answered ${back.status}: ${text}`);
  print(`Browser stand-in: redirected back to ${new URL(back.url).pathname}, which answered ${back.status}`);
}

function attribute(tag: string, name: string): string | undefined {
  const match = new RegExp(`\\b${name}="([^"]*)"`).exec(tag);
  return match ? decodeHtml(match[1]!) : undefined;
}

/** The entities the mock's login page writes (`&#34;`, `&amp;`…). */
function decodeHtml(text: string): string {
  const named: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
  return text.replace(/&(#\d+|[a-z]+);/g, (whole, entity: string) =>
    entity.startsWith('#') ? String.fromCharCode(Number(entity.slice(1))) : (named[entity] ?? whole),
  );
}

/**
 * Listens where `redirectUri` points (port 0: a free port) and hands each request to `handle`.
 * Resolves with the server and the redirect URI with its real port.
 */
export async function listen(
  redirectUri: string,
  handle: (request: IncomingMessage, url: URL, response: ServerResponse) => Promise<void>,
): Promise<{ server: Server; redirectUri: string }> {
  const uri = new URL(redirectUri);
  if (uri.protocol !== 'http:') throw new Error(`the redirect URI must be an http:// loopback address, got ${redirectUri}`);
  const server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', uri);
    handle(request, url, response).catch((error: unknown) => {
      if (!response.headersSent) page(response, 500, `Error: ${(error as Error).message}`);
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error) => reject(new Error(`cannot listen on ${uri.host}: ${error.message}`)));
    server.listen(Number(uri.port || 80), uri.hostname.replace(/^\[|\]$/g, ''), resolve);
  });
  uri.port = String((server.address() as AddressInfo).port);
  return { server, redirectUri: uri.toString() };
}

/** Closes the server and its keep-alive connections (server.close alone waits for them). */
export function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}

/** A small HTML answer for the browser. */
export function page(response: ServerResponse, status: number, text: string): void {
  const escaped = text.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);
  response.writeHead(status, { 'content-type': 'text/html; charset=utf-8' }).end(`<!doctype html><p>${escaped}</p>`);
}

/** `promise`, or an Error with `message` after `ms`. */
export function within<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(message)), ms)));
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** Runs one program on its own (`npm run <name>`): exit code 0, or 1 with the reason on stderr. */
export function runAlone(program: Program): void {
  const print: Print = (line) => process.stdout.write(`${line}\n`);
  const main = async () => {
    const target = await openTarget(program.name, program.needs);
    try {
      print(`Target: ${target.description}`);
      await program.run(target, print);
    } finally {
      await target.close();
    }
  };
  // No process.exit on success: the program ends by itself once nothing is left open.
  main().catch((error: unknown) => {
    process.stderr.write(`${program.name} failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  });
}
