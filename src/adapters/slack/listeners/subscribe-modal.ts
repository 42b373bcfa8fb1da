import { App, SlashCommand, ViewSubmitAction } from '@slack/bolt';
import { Said } from '../../../domain/errors';
import { parseChatCommand } from '../../../domain/command-grammar';
import { howToLinkWorkspace, linkedLocaleOf, withoutControlCharacters } from '../../../reports/chat-command-service';
import { subscribeFromForm } from '../../../reports/subscribe-form';
import { messagesFor } from '../../../render/i18n/messages';
import { NATIVE_SURFACE_IDS as IDS } from '../../../render/slack/native-surface-ids';
import { saidText } from '../../../render/said';
import { renderSubscribeDone, renderSubscribeModal } from '../../../render/slack/subscribe-modal';
import { INVITE_ME_FIRST, NOT_INSTALLED, channelAccess } from '../channel-access';
import { SlackTeamRef } from '../slack-auth';
import { SOMETHING_WENT_WRONG, SlackRuntime, lazyClient, slackPlace } from '../slack-runtime';

/** `subscribe` with nothing after it (in English or Vietnamese): the modal instead of the grammar. */
export function isBareSubscribe(text: string): boolean {
  const command = parseChatCommand(withoutControlCharacters(text));
  return command.kind === 'not-understood' && command.reason.key === 'subscribeNeedsTarget';
}

/**
 * Opens the subscribe modal with the trigger of a command or a click (valid 3 s, so right after the ack).
 * False when the workspace is not linked (the typed answer then says how to link it) or Slack refused.
 */
export async function openSubscribeModal(
  runtime: SlackRuntime,
  team: SlackTeamRef,
  at: { triggerId: string; channelId: string; userId: string },
  campaign?: { id: string; label: string },
): Promise<boolean> {
  const place = slackPlace(team, at.channelId, at.userId);
  const locale = await linkedLocaleOf(runtime.deps, place);
  if (!locale) return false;
  const client = await lazyClient(runtime, team)();
  if (!client) return false;
  try {
    await client.views.open({
      trigger_id: at.triggerId,
      view: renderSubscribeModal({ locale, channelId: at.channelId, ...(campaign ? { campaign } : {}) }) as never,
    });
    return true;
  } catch (err) {
    runtime.logger.warn({ err, teamId: place.workspaceId }, 'could not open the subscribe modal');
    return false;
  }
}

/** The slash command's part: true when `subscribe` alone was answered with the modal. */
export async function answeredWithSubscribeModal(runtime: SlackRuntime, command: SlashCommand): Promise<boolean> {
  if (!isBareSubscribe(command.text) || !command.trigger_id) return false;
  const team = {
    teamId: command.team_id,
    enterpriseId: command.enterprise_id,
    isEnterpriseInstall: command.is_enterprise_install === 'true',
  };
  return openSubscribeModal(runtime, team, {
    triggerId: command.trigger_id,
    channelId: command.channel_id,
    userId: command.user_id,
  });
}

type Errors = Record<string, string>;
type Submission = { errors: Errors } | { done: ReturnType<typeof renderSubscribeDone> };

/** Validates and subscribes, as the typed `subscribe <target> <options>` would, for the channel picked. */
async function submit(runtime: SlackRuntime, body: ViewSubmitAction): Promise<Submission> {
  const values = body.view.state.values;
  const team: SlackTeamRef = {
    teamId: body.team?.id ?? body.user.team_id,
    enterpriseId: body.enterprise?.id ?? body.team?.enterprise_id,
    isEnterpriseInstall: body.is_enterprise_install === true,
  };
  const channelId = values[IDS.subscribeChannelBlock]?.[IDS.subscribeChannel]?.selected_conversation ?? '';
  const target = values[IDS.subscribeTargetBlock]?.[IDS.pickSubscribeTarget]?.selected_option?.value ?? '';
  const options = (values[IDS.subscribeOptionsBlock]?.[IDS.subscribeOptions]?.selected_options ?? []).map(
    (o) => o.value,
  );
  const place = slackPlace(team, channelId, body.user.id);
  const locale = await linkedLocaleOf(runtime.deps, place);
  const m = messagesFor(locale);
  if (!locale) {
    return {
      errors: {
        [IDS.subscribeTargetBlock]: m.t('home.unlinked', {
          workspace: place.workspaceId,
          command: howToLinkWorkspace('slack', place.workspaceId),
        }),
      },
    };
  }
  if (!/^[CG][A-Z0-9]{2,30}$/.test(channelId))
    return { errors: { [IDS.subscribeChannelBlock]: m.t('subscribeModal.channelPlaceholder') } };
  const access = await channelAccess(await lazyClient(runtime, team)(), channelId, runtime.logger);
  if (access !== 'ok') {
    const said: Said = { key: access === 'invite-me' ? 'inviteMeFirst' : 'notInstalled' };
    return {
      errors: {
        [IDS.subscribeChannelBlock]: saidText(said, m, access === 'invite-me' ? INVITE_ME_FIRST : NOT_INSTALLED),
      },
    };
  }
  const answer = await subscribeFromForm(runtime.deps, place, { target, options });
  if (answer.kind === 'message' && answer.said?.key === 'subscribed') {
    return { done: renderSubscribeDone(answer.said, answer.text, channelId, locale) };
  }
  const text = answer.kind === 'message' ? saidText(answer.said, m, answer.text) : SOMETHING_WENT_WRONG;
  const block =
    answer.kind === 'message' && answer.said?.key === 'pickSubscribeOption'
      ? IDS.subscribeOptionsBlock
      : IDS.subscribeTargetBlock;
  return { errors: { [block]: text } };
}

/**
 * The modal's submit: answered in the HTTP response (within Slack's 3 s), with the problems shown under
 * their fields (response_action errors), or the modal turned into the confirmation.
 */
export function registerSubscribeModal(app: App, runtime: SlackRuntime): void {
  app.view<ViewSubmitAction>({ callback_id: IDS.subscribeModal, type: 'view_submission' }, async ({ ack, body }) => {
    try {
      const outcome = await submit(runtime, body);
      if ('errors' in outcome) await ack({ response_action: 'errors', errors: outcome.errors });
      else await ack({ response_action: 'update', view: outcome.done as never });
    } catch (err) {
      runtime.logger.error({ err }, 'subscribe modal failed');
      await ack({ response_action: 'errors', errors: { [IDS.subscribeTargetBlock]: SOMETHING_WENT_WRONG } });
    }
  });
}
