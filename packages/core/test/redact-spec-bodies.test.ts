/**
 * Every request model of the spec that has a credential-named property (password, secret, token,
 * assertion, verifier, credential, apikey, authorization; at any depth, through $refs and arrays),
 * logged at trace with bodies on, in both formats and to every sink (console, file, setDebugLog),
 * as an object and as JSON text, as request and as response body: no planted value appears.
 */
import { Logger, LogFormat } from '../src/index.js';
import { loadSpec, secretBodies, type SecretBody } from './support/secret-bodies.js';

const bodies = secretBodies(loadSpec());

/** What every planted value looks like (secret-bodies.ts): any match in the output is a leak. */
const PLANTED = /PLANTED-\d{6}-x|\b731\d{6}\b/g;

/** Everything one logger wrote, through every sink, for one body. */
function logEverywhere(format: 'json' | 'text', body: unknown): string {
  const written: string[] = [];
  const logger = new Logger({ console: (line) => written.push(line), appendToFile: (_path, text) => written.push(text) });
  logger.log_level = 'trace';
  logger.log_format = format === 'json' ? LogFormat.JSON : LogFormat.TEXT;
  logger.log_request_body = true;
  logger.log_response_body = true;
  logger.log_to_console = true;
  logger.log_file_path = '/dev/null/unused';
  logger.setLogger();
  logger.setDebugLog((line) => written.push(line));
  logger.log('trace', 200, 'POST', 'https://api.example.test/api/v2/x', { 'Content-Type': 'application/json' }, {}, body, body);
  logger.log('error', 400, 'POST', 'https://api.example.test/api/v2/x', { 'Content-Type': 'application/json' }, {}, body, body);
  return written.join('\n');
}

/** The sample with a harmless marker beside it, which must be logged (the bodies are written at all). */
function withMarker(entry: SecretBody, marker: string): unknown {
  return Array.isArray(entry.sample) ? [...(entry.sample as unknown[]), { note: marker }] : { ...(entry.sample as object), note: marker };
}

describe('secrets in the request models of the spec are redacted in every format and sink', () => {
  it('finds the models (figures for the report)', () => {
    const properties = new Set(bodies.flatMap((b) => b.properties));
    const booleans = new Set(bodies.flatMap((b) => b.booleans));
    const planted = bodies.reduce((n, b) => n + b.planted.length, 0);
    const operations = bodies.reduce((n, b) => n + b.operations.length, 0);
    console.info(
      `${bodies.length} request models (${operations} operations) reach ${properties.size} credential-named properties (and ${booleans.size} booleans, left visible); ${planted} values planted`,
    );
    expect(bodies.length).toBeGreaterThan(50);
    expect(bodies.map((b) => b.model)).toEqual(expect.arrayContaining(['ChangeMyPasswordRequest', 'ChangePasswordRequest']));
    expect([...properties]).toEqual(expect.arrayContaining(['ChangeMyPasswordRequest.newPassword', 'ChangeMyPasswordRequest.oldPassword']));
  });

  it('recognises every planted value', () => {
    const whole = new RegExp(`^(?:${PLANTED.source})$`);
    for (const entry of bodies) for (const value of entry.planted) expect(value).toMatch(whole);
  });

  it.each(['json', 'text'] as const)('%s: no planted value is logged, the marker is', (format) => {
    const leaks: string[] = [];
    for (const entry of bodies) {
      const marker = `visible-marker-${entry.model}`;
      for (const body of [withMarker(entry, marker), JSON.stringify(withMarker(entry, marker))]) {
        const output = logEverywhere(format, body);
        expect(output).toContain(marker);
        for (const value of output.match(PLANTED) ?? []) leaks.push(`${entry.model}: ${value}`);
      }
    }
    expect(leaks).toEqual([]);
  });
});
