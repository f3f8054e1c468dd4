/**
 * Host names the client accepts: the environment (`setEnvironment`, `[general] host`) and a gateway
 * host. One check for code and file alike, so that a value the file may hold is one code may set.
 */
import { PureCloudRegionHosts } from '../regions.js';

const LABEL = '[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?';
/** `name.name…` or a bracketed IPv6 address, then an optional `:port`. */
const HOST = new RegExp(`^(?:${LABEL}(?:\\.${LABEL})*|\\[[0-9A-Fa-f:.]+\\])(?::(\\d{1,5}))?$`);

/** A host name or IP address with an optional port (0 to 65535): no protocol, path, spaces or empty labels. */
export function isHostName(value: string): boolean {
  const match = HOST.exec(value);
  return match !== null && (match[1] === undefined || Number(match[1]) <= 65_535);
}

/**
 * The environment a value names, as the reference reads it: a region key (`eu_west_1`), a host name
 * (`mypurecloud.ie`) or a URL of it (`https://api.mypurecloud.ie/`). Undefined when it names none.
 */
export function normaliseEnvironment(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  let environment = value.trim();
  if (Object.prototype.hasOwnProperty.call(PureCloudRegionHosts, environment)) {
    environment = PureCloudRegionHosts[environment as keyof typeof PureCloudRegionHosts];
  }
  environment = environment
    .replace(/\/+$/, '')
    .replace(/^https?:\/\//i, '')
    .replace(/^api\./i, '');
  return isHostName(environment) ? environment : undefined;
}
