/**
 * Assembles a client's two pipelines around its transport: API calls go through retry, the user's
 * hooks, auth and logging; token requests carry no bearer token and skip user hooks, but are retried
 * and logged (redacted) like any call.
 */
import type { TokenLifecycle } from '../auth/lifecycle.js';
import type { RetrySettings } from '../config/settings.js';
import type { Logger } from '../logging/Logger.js';
import type { AbstractHttpClient } from '../transport/AbstractHttpClient.js';
import { retryStep } from './retry.js';
import { authStep, hooksStep, loggingStep, transportSender, type Authentication } from './steps.js';
import { composePipeline, type RequestHooks, type SendRequest } from './types.js';

export interface PipelineParts {
  httpClient(): AbstractHttpClient;
  retry(): RetrySettings;
  logger(): Logger;
  authentications(): Record<string, Authentication>;
  lifecycle: TokenLifecycle;
  hooks(): readonly RequestHooks[];
}

export function assemblePipelines(parts: PipelineParts): { send: SendRequest; sendToken: SendRequest } {
  const transport = transportSender(parts.httpClient);
  const retry = retryStep(parts.retry);
  const logging = loggingStep(parts.logger);
  const auth = authStep({ authentications: parts.authentications, lifecycle: parts.lifecycle });
  return {
    // The user's hooks run before the auth step, so that no hook argument holds a credential the SDK adds.
    send: composePipeline([retry, hooksStep(parts.hooks), auth, logging], transport),
    sendToken: composePipeline([retry, logging], transport),
  };
}
