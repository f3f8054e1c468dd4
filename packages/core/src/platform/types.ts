/**
 * What the runtime needs from its host. `platform/node.ts` implements it with Node built-ins;
 * `platform/browser.ts` is its browser twin, swapped in by the browser build so that no Node
 * built-in ever reaches a browser bundle.
 */
import type { ConfigFileSync, ConfigFileTarget } from '../config/file-sync.js';
import type { AbstractHttpClient } from '../transport/AbstractHttpClient.js';

export interface TlsMaterial {
  cert?: string | Buffer;
  key?: string | Buffer;
  ca?: string | Buffer;
}

export interface Platform {
  readonly isBrowser: boolean;
  /** `~/.genesyscloudjavascript/config` in Node (`%USERPROFILE%` on Windows); '' in browsers. */
  defaultConfigPath(): string;
  /** The configuration file kept in step with `target` (read, watched, reported); none in browsers. */
  configFileSync(target: ConfigFileTarget): ConfigFileSync | undefined;
  /** Appends text to a log file (synchronously, so nothing is lost at exit and no handle stays open). */
  appendToFile(path: string, text: string): void;
  /** Reads a whole file (certificates for MTLS). */
  readFile(path: string): Buffer;
  /** An https agent presenting a client certificate. */
  createMtlsAgent(material: TlsMaterial): object;
  /**
   * The transport a client uses until one is set: axios with keep-alive (and `proxyAgent`) in Node,
   * `fetch` in browsers. Chosen here, so that a browser bundle holds neither axios nor its transport.
   */
  defaultHttpClient(timeout: number, proxyAgent: object | undefined): AbstractHttpClient;
}
