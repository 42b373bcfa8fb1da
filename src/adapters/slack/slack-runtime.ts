import { WebClient } from '@slack/web-api';
import { Logger } from 'pino';
import { ChatPlace } from '../../reports/chat-command-service';
import { ReportDeps } from '../../reports/report-context';
import { BackgroundWork } from './background-work';
import { SlackAuth, SlackTeamRef } from './slack-auth';

/** What every listener needs; listeners stay thin functions of (runtime, payload). */
export interface SlackRuntime {
  deps: ReportDeps;
  auth: SlackAuth;
  work: BackgroundWork;
  logger: Logger;
  quickchartBaseUrl: string;
  /** False: Slack cannot reach that QuickChart, charts are uploaded (QUICKCHART_PUBLIC). */
  quickchartPublic?: boolean;
  recordingLinkTtlSeconds: number;
}

export const SOMETHING_WENT_WRONG = 'Sorry, something went wrong on our side while answering. Please try again in a minute.';

export function slackPlace(team: SlackTeamRef, channel: string, user: string): ChatPlace {
  return { platform: 'slack', workspaceId: team.teamId ?? team.enterpriseId ?? '', destination: channel, userId: user };
}

/** A client fetched at most once per answer, and only when the answer needs one. */
export function lazyClient(runtime: SlackRuntime, team: SlackTeamRef): () => Promise<WebClient | null> {
  let client: Promise<WebClient | null> | undefined;
  return () => (client ??= runtime.auth.clientFor(team));
}
