import { WebClient } from '@slack/web-api';
import { Logger } from 'pino';
import { messagesFor } from '../../render/i18n/messages';
import { ChatActionAnswer } from '../../reports/chat-actions';
import { ChatPlace, linkedAccountOf } from '../../reports/chat-command-service';
import { ReportDeps } from '../../reports/report-context';
import type { AnswerOffload } from './answer-threads';
import { BackgroundWork } from './background-work';
import { SlackAuth, SlackTeamRef } from './slack-auth';

/** What every listener needs; listeners stay thin functions of (runtime, payload). */
export interface SlackRuntime {
  deps: ReportDeps;
  auth: SlackAuth;
  work: BackgroundWork;
  /** Answer threads (ANSWER_THREADS): answers are computed and posted there, not on the loop that acks. */
  offload?: AnswerOffload;
  logger: Logger;
  quickchartBaseUrl: string;
  /** False: Slack cannot reach that QuickChart, charts are uploaded (QUICKCHART_PUBLIC). */
  quickchartPublic?: boolean;
  recordingLinkTtlSeconds: number;
  /** The full report page of a campaign (the delivery pipeline's ReportLinks.fullReportUrl); null: none. */
  fullReportUrlFor?: (accountId: string, campaignId: string) => string | null;
}

/** The "Open full report" link for a campaign answer in this place, as auto-posted summaries carry it. */
export async function fullReportUrlOf(
  runtime: SlackRuntime,
  place: ChatPlace,
  answer: ChatActionAnswer,
): Promise<string | null> {
  if (answer.kind !== 'campaign' || !runtime.fullReportUrlFor) return null;
  const accountId = await linkedAccountOf(runtime.deps, place);
  return accountId ? runtime.fullReportUrlFor(accountId, answer.report.overview.campaign.id) : null;
}

/** Said before any account is known, so in English. */
export const SOMETHING_WENT_WRONG = messagesFor('en').t('error.somethingWentWrong');

export function slackPlace(team: SlackTeamRef, channel: string, user: string): ChatPlace {
  return { platform: 'slack', workspaceId: team.teamId ?? team.enterpriseId ?? '', destination: channel, userId: user };
}

/** A client fetched at most once per answer, and only when the answer needs one. */
export function lazyClient(runtime: SlackRuntime, team: SlackTeamRef): () => Promise<WebClient | null> {
  let client: Promise<WebClient | null> | undefined;
  return () => (client ??= runtime.auth.clientFor(team));
}
