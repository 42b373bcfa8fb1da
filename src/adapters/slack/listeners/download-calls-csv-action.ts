import { App, BlockAction, ButtonAction } from '@slack/bolt';
import { WebClient } from '@slack/web-api';
import { resolveCallsExport } from '../../../reports/chat-actions';
import { ChatAnswer } from '../../../reports/chat-command-service';
import { campaignCallPages } from '../../../reports/calls-report';
import { callsCsvFilename, renderCallsCsvPages } from '../../../render/csv/calls';
import { SLACK_ACTION_IDS, parseCallsCsvActionValue } from '../../../render/slack/actions';
import { messagesFor } from '../../../render/i18n/messages';
import { slackCallsCsvComment } from '../../../render/slack/calls-csv';
import { SaidKey } from '../../../domain/errors';
import { answerView } from '../answer-view';
import { deliverToResponseUrl } from '../deliver-answer';
import { slackErrorMeaning, slackPlatformError } from '../slack-errors';
import { SOMETHING_WENT_WRONG, SlackRuntime, lazyClient } from '../slack-runtime';
import { uploadFileFromDisk } from '../stream-file-upload';
import { writeTempCsvFile } from '../temp-csv-file';
import { ActionContext, actionContext } from './action-context';
import { EPHEMERAL_REPLY } from './answer-action';

export const REINSTALL_FOR_DMS = messagesFor('en').t('said.reinstallForDms');

/**
 * "Download CSV": every call of the campaign (matching the report's filter) as one file, sent to the
 * clicker alone in a direct message (the detailed report was shown only to them, and the file has full
 * phone numbers). The file is written to disk page by page and streamed up, so memory stays at one page.
 */
export function registerDownloadCallsCsv(app: App, runtime: SlackRuntime): void {
  app.action<BlockAction<ButtonAction>>(
    { action_id: SLACK_ACTION_IDS.downloadCallsCsv },
    async ({ ack, body, action }) => {
      await ack();
      const context = actionContext(body, action);
      void runtime.work.run('download-calls-csv', () => uploadCallsCsv(runtime, context));
    },
  );
}

/** A sentence of the catalog, in English until the account's locale is known. */
function said(key: SaidKey, values?: Record<string, string>, locale?: string): ChatAnswer {
  return {
    kind: 'message',
    text: messagesFor('en').t(`said.${key}`, values),
    said: { key, ...(values ? { values } : {}) },
    ...(locale ? { locale } : {}),
  };
}

/** An ephemeral answer to the clicker: a sentence, or what resolving the campaign answered instead. */
async function reply(runtime: SlackRuntime, context: ActionContext, answer: string | ChatAnswer): Promise<void> {
  const view = answerView(typeof answer === 'string' ? { kind: 'message', text: answer } : answer, {
    shareable: false,
  });
  await deliverToResponseUrl(context.responseUrl, view, EPHEMERAL_REPLY, {
    quickchartBaseUrl: 'off',
    client: async () => null,
    logger: runtime.logger,
  });
}

/** The id of the bot's direct message with a user, or the Slack error code that refused it. */
async function openDirectMessage(
  client: WebClient,
  userId: string,
): Promise<{ channelId: string } | { error: string }> {
  try {
    const opened = await client.conversations.open({ users: userId });
    return opened.channel?.id ? { channelId: opened.channel.id } : { error: 'channel_not_found' };
  } catch (err) {
    const code = slackPlatformError(err);
    if (code) return { error: code };
    throw err;
  }
}

export async function uploadCallsCsv(runtime: SlackRuntime, context: ActionContext): Promise<void> {
  if (runtime.offload)
    return runtime.offload.answer({ kind: 'download-calls-csv', payload: context, responseUrl: context.responseUrl });
  try {
    const wanted = parseCallsCsvActionValue(context.value);
    if (!wanted) return await reply(runtime, context, said('buttonOutOfDate'));
    const source = await resolveCallsExport(runtime.deps, context.place, wanted.campaignId, wanted.filter);
    if (source.kind !== 'calls-export') return await reply(runtime, context, source);
    const client = await lazyClient(runtime, context.team)();
    if (!client) return await reply(runtime, context, said('notInstalled', undefined, source.locale));
    const dm = await openDirectMessage(client, context.place.userId);
    if ('error' in dm) {
      const cannot = slackErrorMeaning(dm.error).dm;
      if (cannot === 'reinstall')
        return await reply(runtime, context, said('reinstallForDms', undefined, source.locale));
      if (cannot === 'cannot') return await reply(runtime, context, said('cannotDm', undefined, source.locale));
      throw new Error(`conversations.open failed: ${dm.error}`);
    }
    const filename = callsCsvFilename(source.campaign.id);
    const pages = campaignCallPages(runtime.deps, source.campaign.accountId, source.campaign.id, source.filter);
    const file = await writeTempCsvFile(renderCallsCsvPages(pages, source), filename);
    try {
      await uploadFileFromDisk(client, file, {
        channelId: dm.channelId,
        filename,
        title: filename,
        initialComment: slackCallsCsvComment(source.campaign, file.rows, source.locale),
      });
    } finally {
      await file.remove();
    }
    await reply(runtime, context, said('csvSent', { filename, count: String(file.rows) }, source.locale));
  } catch (err) {
    runtime.logger.error({ err }, 'calls CSV upload failed');
    await reply(runtime, context, SOMETHING_WENT_WRONG).catch(() => undefined);
  }
}
