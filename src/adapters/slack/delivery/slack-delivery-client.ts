import { LogLevel, WebClient } from '@slack/web-api';
import { PermanentDeliveryError } from '../../../domain/delivery-errors';

/**
 * Web API clients for automatic delivery: no retries inside the client (BullMQ owns the back-off),
 * rate limits surfaced as errors carrying Retry-After, and a hard timeout per call.
 */
export const SLACK_DELIVERY_TIMEOUT_MS = 10_000;

export type SlackTokenFor = (workspaceId: string | null) => Promise<string | null>;

export interface SlackClientSource {
  clientFor(workspaceId: string | null): Promise<WebClient>;
}

export function createSlackClientSource(
  apiUrl: string,
  tokenFor: SlackTokenFor,
  timeoutMs = SLACK_DELIVERY_TIMEOUT_MS,
): SlackClientSource {
  const clients = new Map<string, WebClient>();
  return {
    async clientFor(workspaceId) {
      const token = await tokenFor(workspaceId);
      if (!token) {
        throw new PermanentDeliveryError(
          `the app is not installed in Slack workspace ${workspaceId ?? '(default)'}`,
          'no_installation',
          true,
        );
      }
      let client = clients.get(token);
      if (!client) {
        client = new WebClient(token, {
          slackApiUrl: apiUrl,
          retryConfig: { retries: 0 },
          rejectRateLimitedCalls: true,
          timeout: timeoutMs,
          logLevel: LogLevel.ERROR,
        });
        if (clients.size > 500) clients.clear();
        clients.set(token, client);
      }
      return client;
    },
  };
}
