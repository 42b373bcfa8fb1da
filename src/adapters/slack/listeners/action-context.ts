import { BlockAction, ButtonAction } from '@slack/bolt';
import { ChatPlace } from '../../../reports/chat-command-service';
import { SlackTeamRef } from '../slack-auth';
import { slackPlace } from '../slack-runtime';

export interface ActionContext {
  team: SlackTeamRef;
  place: ChatPlace;
  value: string;
  responseUrl: string;
  channelId: string | undefined;
  /** The message the button is on, when it is a real one (an ephemeral message has no thread). */
  messageTs: string | undefined;
  threadTs: string | undefined;
}

/** Where a button click came from: the workspace decides which account's data it may see. */
export function actionContext(body: BlockAction<ButtonAction>, action: ButtonAction): ActionContext {
  const team: SlackTeamRef = {
    teamId: body.team?.id ?? body.user.team_id,
    enterpriseId: body.enterprise?.id ?? body.team?.enterprise_id,
    isEnterpriseInstall: body.is_enterprise_install === true,
  };
  const channelId =
    body.channel?.id ?? (typeof body.container.channel_id === 'string' ? body.container.channel_id : undefined);
  const ephemeral = body.container.is_ephemeral === true;
  return {
    team,
    place: slackPlace(team, channelId ?? '', body.user.id),
    value: action.value ?? '',
    responseUrl: body.response_url,
    channelId,
    messageTs: ephemeral ? undefined : body.message?.ts,
    threadTs: ephemeral ? undefined : ((body.message?.thread_ts as string | undefined) ?? body.message?.ts),
  };
}
