import { App, BlockAction, ButtonAction } from '@slack/bolt';
import { resolveCallsExport } from '../../../reports/chat-actions';
import { ChatAnswer } from '../../../reports/chat-command-service';
import { campaignCallPages } from '../../../reports/calls-report';
import { callsCsvFilename, renderCallsCsvPages } from '../../../render/csv/calls';
import { SLACK_ACTION_IDS, parseCallsCsvActionValue } from '../../../render/slack/actions';
import { escapeSlackText } from '../../../render/slack/escape';
import { answerView } from '../answer-view';
import { INVITE_ME_FIRST, NOT_INSTALLED } from '../channel-access';
import { deliverToResponseUrl } from '../deliver-answer';
import { SOMETHING_WENT_WRONG, SlackRuntime, lazyClient } from '../slack-runtime';
import { ActionContext, actionContext } from './action-context';
import { EPHEMERAL_REPLY } from './answer-action';

const NO_ACCESS = new Set(['channel_not_found', 'not_in_channel', 'is_archived']);

/** "Download CSV": every call of the campaign (matching the report's filter) as one file, in the thread. */
export function registerDownloadCallsCsv(app: App, runtime: SlackRuntime): void {
  app.action<BlockAction<ButtonAction>>({ action_id: SLACK_ACTION_IDS.downloadCallsCsv }, async ({ ack, body, action }) => {
    await ack();
    const context = actionContext(body, action);
    void runtime.work.run('download-calls-csv', () => uploadCallsCsv(runtime, context));
  });
}

/** An ephemeral answer to the clicker: a sentence, or what resolving the campaign answered instead. */
async function reply(runtime: SlackRuntime, context: ActionContext, answer: string | ChatAnswer): Promise<void> {
  const view = answerView(typeof answer === 'string' ? { kind: 'message', text: answer } : answer, { shareable: false });
  await deliverToResponseUrl(context.responseUrl, view, EPHEMERAL_REPLY, { quickchartBaseUrl: 'off', client: async () => null, logger: runtime.logger });
}

export async function uploadCallsCsv(runtime: SlackRuntime, context: ActionContext): Promise<void> {
  try {
    const wanted = parseCallsCsvActionValue(context.value);
    if (!wanted) return await reply(runtime, context, 'This button is out of date; ask for the calls again.');
    const source = await resolveCallsExport(runtime.deps, context.place, wanted.campaignId, wanted.filter);
    if (source.kind !== 'calls-export') return await reply(runtime, context, source);
    const client = await lazyClient(runtime, context.team)();
    if (!client || !context.channelId) return await reply(runtime, context, NOT_INSTALLED);
    let csv = '';
    let rows = 0;
    for await (const chunk of renderCallsCsvPages(campaignCallPages(runtime.deps, source.campaign.accountId, source.campaign.id, source.filter), source.timeZone)) {
      csv += chunk.csv;
      rows += chunk.rows;
    }
    const filename = callsCsvFilename(source.campaign.id);
    const who = /^[UW][A-Z0-9]+$/.test(context.place.userId) ? `, for <@${context.place.userId}>` : '';
    const upload = {
      channel_id: context.channelId,
      file: Buffer.from(csv, 'utf8'),
      filename,
      title: filename,
      initial_comment: `All ${rows} calls of ${escapeSlackText(source.campaign.name)} (${escapeSlackText(source.campaign.id)})${who}.`,
    };
    try {
      await (context.threadTs ? client.filesUploadV2({ ...upload, thread_ts: context.threadTs }) : client.filesUploadV2(upload));
    } catch (err) {
      const code = (err as { data?: { error?: string } }).data?.error;
      if (code && NO_ACCESS.has(code)) return await reply(runtime, context, INVITE_ME_FIRST);
      throw err;
    }
  } catch (err) {
    runtime.logger.error({ err }, 'calls CSV upload failed');
    await reply(runtime, context, SOMETHING_WENT_WRONG).catch(() => undefined);
  }
}
