import http from 'node:http';
import { AddressInfo } from 'node:net';
import { Config, loadConfig } from '../../../../src/config';
import { createHttpApp } from '../../../../src/http/create-app';
import { Logger } from 'pino';
import { createLogger } from '../../../../src/logger';
import { ReportDeps } from '../../../../src/reports/report-context';
import { Db } from '../../../../src/storage/connection';
import { AnswerOffload } from '../../../../src/adapters/slack/answer-threads';
import { SlackSurface, createSlackSurface } from '../../../../src/adapters/slack/slack-surface';
import { FakeSlack, SlackCall } from '../../../support/fakes/fake-slack';
import { SIGNING_SECRET, ButtonClickFields, buttonClickBody, signedHeaders, slashCommandBody } from './slack-signing';

export const TEST_ENCRYPTION_KEY = Buffer.alloc(32, 7).toString('base64');
export const PUBLIC_BASE_URL = 'https://reports.example.test';

export interface HarnessOptions {
  db: Db;
  fake: FakeSlack;
  env?: Record<string, string>;
  reportDeps?: ReportDeps;
  now?: () => number;
  fullReportUrlFor?: (accountId: string, campaignId: string) => string | null;
  /** Defaults to a silent one (TEST_LOG_LEVEL to see it). */
  logger?: Logger;
  offload?: AnswerOffload;
}

export interface PostResult {
  status: number;
  body: string;
  ms: number;
}

export interface SlackHarness {
  url: string;
  surface: SlackSurface;
  config: Config;
  post(path: string, body: string, headers: Record<string, string>): Promise<PostResult>;
  /** A signed /campaign-report; resolves with the HTTP answer (the ack) and the response_url used. */
  command(
    text: string,
    teamId: string,
    extra?: { channelId?: string; userId?: string; headers?: Record<string, string>; triggerId?: string },
  ): Promise<PostResult & { responseUrl: string }>;
  click(fields: Omit<ButtonClickFields, 'responseUrl'>): Promise<PostResult & { responseUrl: string }>;
  /** The first post at a response_url (waits for it). */
  answerAt(responseUrl: string, timeoutMs?: number): Promise<SlackCall>;
  close(): Promise<void>;
}

export function slackEnv(fake: FakeSlack, extra: Record<string, string> = {}): Record<string, string> {
  return {
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_BOT_TOKEN: 'xoxb-test-token',
    SLACK_BOT_ID: 'B0FAKEBOT',
    SLACK_BOT_USER_ID: 'U0FAKEBOT',
    SLACK_API_URL: fake.apiUrl,
    QUICKCHART_BASE_URL: 'https://quickchart.example.test',
    RECORDING_LINK_SECRET: 'recording-secret-for-tests-32-characters',
    PUBLIC_BASE_URL,
    ...extra,
  };
}

/** The real Slack surface on the real express app, on 127.0.0.1, talking to the fake Slack. */
export async function startSlackHarness(options: HarnessOptions): Promise<SlackHarness> {
  const config = loadConfig(options.env ?? slackEnv(options.fake));
  const logger = options.logger ?? createLogger(process.env.TEST_LOG_LEVEL ?? 'silent', false);
  const surface = createSlackSurface({
    config,
    db: options.db,
    logger,
    reportDeps: options.reportDeps,
    now: options.now,
    fullReportUrlFor: options.fullReportUrlFor,
    offload: options.offload,
  });
  if (!surface) throw new Error('Slack is not configured');
  const app = createHttpApp([surface.router], logger);
  const server = http.createServer(app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const post = async (path: string, body: string, headers: Record<string, string>): Promise<PostResult> => {
    const started = performance.now();
    const response = await fetch(`${url}${path}`, { method: 'POST', headers, body });
    const text = await response.text();
    return { status: response.status, body: text, ms: performance.now() - started };
  };

  return {
    url,
    surface,
    config,
    post,
    async command(text, teamId, extra = {}) {
      const responseUrl = options.fake.newResponseUrl();
      const body = slashCommandBody({
        text,
        teamId,
        channelId: extra.channelId,
        userId: extra.userId,
        responseUrl,
        triggerId: extra.triggerId,
      });
      const result = await post('/slack/events', body, { ...signedHeaders(body), ...extra.headers });
      return { ...result, responseUrl };
    },
    async click(fields) {
      const responseUrl = options.fake.newResponseUrl();
      const body = buttonClickBody({ ...fields, responseUrl });
      const result = await post('/slack/events', body, signedHeaders(body));
      return { ...result, responseUrl };
    },
    answerAt(responseUrl, timeoutMs = 10_000) {
      const id = responseUrl.split('/response/').pop();
      return options.fake.waitFor((call) => call.method === 'response_url' && call.responseId === id, timeoutMs);
    },
    async close() {
      await surface.stop();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}
