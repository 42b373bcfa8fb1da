import { App, SlashCommand } from '@slack/bolt';
import { parseChatCommand } from '../../../domain/command-grammar';
import {
  answerChatCommand,
  linkedAccountOf,
  linkedLocaleOf,
  placeOfOneAnswer,
} from '../../../reports/chat-command-service';
import { renderSlackText } from '../../../render/slack/text';
import { AnswerView, SLASH_COMMAND, answerView } from '../answer-view';
import { INVITE_ME_FIRST, NOT_INSTALLED, channelAccess } from '../channel-access';
import { SLACK_CALL_ROWS, answerDelivery } from '../answer-delivery';
import { deliverToResponseUrl } from '../deliver-answer';
import { postToResponseUrl } from '../response-url';
import { answeredWithSubscribeModal } from './subscribe-modal';
import { SOMETHING_WENT_WRONG, SlackRuntime, fullReportUrlOf, lazyClient, slackPlace } from '../slack-runtime';

const EPHEMERAL = { response_type: 'ephemeral', replace_original: false } as const;
const IN_CHANNEL = { response_type: 'in_channel', replace_original: false } as const;

/** `/campaign-report …`: acked at once, answered through the response_url after. */
export function registerCampaignReportCommand(app: App, runtime: SlackRuntime): void {
  app.command(SLASH_COMMAND, async ({ command, ack }) => {
    await ack();
    void runtime.work.run('slash-command', () => answerSlashCommand(runtime, command));
  });
}

export async function answerSlashCommand(runtime: SlackRuntime, command: SlashCommand): Promise<void> {
  if (runtime.offload)
    return runtime.offload.answer({ kind: 'slash-command', payload: command, responseUrl: command.response_url });
  const team = {
    teamId: command.team_id,
    enterpriseId: command.enterprise_id,
    isEnterpriseInstall: command.is_enterprise_install === 'true',
  };
  const place = placeOfOneAnswer(
    runtime.deps,
    { ...slackPlace(team, command.channel_id, command.user_id), userName: command.user_name },
    command.text,
  );
  const client = lazyClient(runtime, team);
  try {
    if (await answeredWithSubscribeModal(runtime, command)) return;
    let view: AnswerView | null = null;
    let reply: typeof EPHEMERAL | typeof IN_CHANNEL = EPHEMERAL;
    if (parseChatCommand(command.text).kind === 'subscribe' && (await linkedAccountOf(runtime.deps, place))) {
      const access = await channelAccess(await client(), command.channel_id, runtime.logger);
      if (access !== 'ok') {
        const [text, key] =
          access === 'invite-me'
            ? [INVITE_ME_FIRST, 'inviteMeFirst' as const]
            : [NOT_INSTALLED, 'notInstalled' as const];
        const locale = await linkedLocaleOf(runtime.deps, place);
        view = answerView(
          { kind: 'message', text, said: { key }, ...(locale ? { locale } : {}) },
          { shareable: false },
        );
      }
    }
    if (!view) {
      const answer = await answerChatCommand(runtime.deps, place, command.text, { callRows: SLACK_CALL_ROWS });
      view = answerView(answer, { shareable: true, fullReportUrl: await fullReportUrlOf(runtime, place, answer) });
      // A change to the alerts is announced to the channel, with who made it.
      if (answer.kind === 'message' && answer.announce) reply = IN_CHANNEL;
    }
    await deliverToResponseUrl(command.response_url, view, reply, await answerDelivery(runtime, team, place, client));
  } catch (err) {
    runtime.logger.error({ err, teamId: command.team_id }, 'slash command failed');
    const sorry = renderSlackText(SOMETHING_WENT_WRONG);
    await postToResponseUrl(command.response_url, { ...EPHEMERAL, text: sorry.text, blocks: sorry.blocks });
  }
}
