import { CallFilter } from '../../domain/report-model';

/** action_id of every interactive element Slack messages carry; the Slack adapter routes on them. */
export const SLACK_ACTION_IDS = {
  shareReport: 'share_report',
  openCalls: 'open_calls',
  openFullReport: 'open_full_report',
  listenRecording: 'listen_recording',
  downloadCallsCsv: 'download_calls_csv',
} as const;

/** The value of the "Download CSV" button: the campaign and the filter, as JSON. */
export function callsCsvActionValue(campaignId: string, filter: CallFilter): string {
  return JSON.stringify({ campaignId, ...filter });
}

export function parseCallsCsvActionValue(value: string): { campaignId: string; filter: CallFilter } | null {
  try {
    const parsed: unknown = JSON.parse(value);
    if (typeof parsed !== 'object' || parsed === null) return null;
    const { campaignId, status, resultCode } = parsed as Record<string, unknown>;
    if (typeof campaignId !== 'string') return null;
    const filter: CallFilter = {};
    if (status === 'successful' || status === 'unsuccessful' || status === 'error') filter.status = status;
    if (typeof resultCode === 'string') filter.resultCode = resultCode;
    return { campaignId, filter };
  } catch {
    return null;
  }
}
