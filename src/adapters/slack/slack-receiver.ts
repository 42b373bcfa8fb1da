import express, { Router } from 'express';
import { ExpressReceiver, Receiver, SocketModeReceiver } from '@slack/bolt';
import { Logger } from 'pino';
import { boltLogger } from './bolt-logger';
import { rejectSkewedSlackTimestamps } from './request-freshness';
import { SlackSettings } from './slack-settings';

export const SLACK_EVENTS_PATH = '/slack/events';

/** Socket Mode when SLACK_APP_TOKEN is set; else signed requests at /slack/events on the shared server's `router`. */
export function slackReceiver(config: SlackSettings, router: Router, logger: Logger, now?: () => number): Receiver {
  const slack = config.slack;
  if (slack.appToken) {
    return new SocketModeReceiver({
      appToken: slack.appToken,
      logger: boltLogger(logger),
      installerOptions: { clientOptions: { slackApiUrl: slack.apiUrl } },
    });
  }
  router.use(SLACK_EVENTS_PATH, rejectSkewedSlackTimestamps(now));
  return new ExpressReceiver({
    signingSecret: slack.signingSecret as string,
    endpoints: SLACK_EVENTS_PATH,
    router,
    app: express(),
    // Every listener acks first and answers through response_url; the HTTP answer must not wait for it.
    processBeforeResponse: false,
    logger: boltLogger(logger),
  });
}
