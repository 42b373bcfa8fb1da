import { WebClient, WebClientOptions } from '@slack/web-api';
import { Logger } from 'pino';
import { boltLogger } from './bolt-logger';

/**
 * Web API options for every client we make: the base URL from SLACK_API_URL, and few, quick retries,
 * because an answer someone is waiting for is better late by seconds than by the SDK's half hour.
 */
export function webClientOptions(apiUrl: string, logger: Logger): WebClientOptions {
  return {
    slackApiUrl: apiUrl,
    logger: boltLogger(logger),
    retryConfig: { retries: 2, factor: 2, minTimeout: 200, maxTimeout: 2000 },
    timeout: 15_000,
  };
}

export function createWebClient(token: string | undefined, apiUrl: string, logger: Logger): WebClient {
  return new WebClient(token, webClientOptions(apiUrl, logger));
}
