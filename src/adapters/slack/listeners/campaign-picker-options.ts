import { App, BlockSuggestion } from '@slack/bolt';
import { pickerChoices } from '../../../reports/campaign-picker';
import { NO_OPTIONS, pickerOptionsResponse } from '../../../render/slack/campaign-picker';
import { NATIVE_SURFACE_IDS } from '../../../render/slack/native-surface-ids';
import { SlackTeamRef } from '../slack-auth';
import { SlackRuntime, slackPlace } from '../slack-runtime';

export function suggestionTeam(body: BlockSuggestion): SlackTeamRef {
  return {
    teamId: body.team?.id ?? body.user.team_id,
    enterpriseId: body.enterprise?.id ?? body.team?.enterprise_id,
    isEnterpriseInstall: body.is_enterprise_install === true,
  };
}

/**
 * The options of the campaign menus (block_suggestion), answered in the HTTP response, so within Slack's
 * 3 s: one indexed query. An unlinked workspace, or a failure, gets an empty list: nothing of anyone's data.
 */
export function registerCampaignPickerOptions(app: App, runtime: SlackRuntime): void {
  const answer =
    (purpose: 'campaign' | 'subscribe-target') =>
    async ({ body, ack }: { body: BlockSuggestion; ack: (options: typeof NO_OPTIONS) => Promise<void> }) => {
      const place = slackPlace(suggestionTeam(body), body.channel?.id ?? '', body.user.id);
      try {
        const choices = await pickerChoices(runtime.deps, place, body.value, {
          targets: purpose === 'subscribe-target',
        });
        await ack(choices.kind === 'picker-choices' ? pickerOptionsResponse(choices, purpose) : NO_OPTIONS);
      } catch (err) {
        runtime.logger.error({ err, teamId: place.workspaceId }, 'campaign picker search failed');
        await ack(NO_OPTIONS);
      }
    };
  app.options<'block_suggestion'>({ action_id: NATIVE_SURFACE_IDS.pickCampaign }, answer('campaign'));
  app.options<'block_suggestion'>({ action_id: NATIVE_SURFACE_IDS.pickSubscribeTarget }, answer('subscribe-target'));
}
