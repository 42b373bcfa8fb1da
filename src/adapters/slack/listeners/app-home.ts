import { App, BlockAction, ButtonAction } from '@slack/bolt';
import { AppHomeModel } from '../../../domain/native-surfaces';
import { loadAppHome } from '../../../reports/app-home';
import { SlackHomeView } from '../../../render/slack/select-elements';
import { unsubscribeFromWorkspace } from '../../../reports/workspace-subscriptions';
import { messagesFor } from '../../../render/i18n/messages';
import { saidText } from '../../../render/said';
import { renderSlackAppHome, renderSlackAppHomeUnlinked } from '../../../render/slack/app-home';
import { NATIVE_SURFACE_IDS as IDS } from '../../../render/slack/native-surface-ids';
import { SlackTeamRef } from '../slack-auth';
import { SlackRuntime, lazyClient, slackPlace } from '../slack-runtime';

/** Users who open Home together share one model (reports/app-home), and so one rendering of it. */
const rendered = new WeakMap<AppHomeModel, SlackHomeView>();

function homeView(runtime: SlackRuntime, model: AppHomeModel, notice: string | undefined): SlackHomeView {
  const shared = notice ? undefined : rendered.get(model);
  if (shared) return shared;
  const fullReportUrlFor = runtime.fullReportUrlFor;
  const view = renderSlackAppHome(model, {
    ...(notice ? { notice } : {}),
    ...(fullReportUrlFor
      ? { fullReportUrlFor: (campaignId: string) => fullReportUrlFor(model.accountId, campaignId) }
      : {}),
  });
  if (!notice) rendered.set(model, view);
  return view;
}

/** A Home to publish, as handed to an answer thread (plain data). */
export interface AppHomeTask {
  team: SlackTeamRef;
  userId: string;
  options: { notice?: string };
}

/**
 * Reads the Home of the workspace's account now and publishes it for one user (views.publish, ≤100 blocks):
 * in an answer thread when the web process has them.
 */
export async function publishAppHome(
  runtime: SlackRuntime,
  team: SlackTeamRef,
  userId: string,
  options: { notice?: string } = {},
): Promise<void> {
  if (runtime.offload)
    return runtime.offload.answer({ kind: 'app-home', payload: { team, userId, options } satisfies AppHomeTask });
  const place = slackPlace(team, '', userId);
  const model = await loadAppHome(runtime.deps, place, { shared: !options.notice });
  const view =
    model.kind === 'app-home'
      ? homeView(runtime, model, options.notice)
      : model.kind === 'unlinked'
        ? renderSlackAppHomeUnlinked(model.workspaceId, model.howToLink)
        : null;
  if (!view) return;
  const client = await lazyClient(runtime, team)();
  if (!client) return;
  await client.views.publish({ user_id: userId, view: view as never });
}

/**
 * App Home: published afresh each time a user opens the tab; "Unsubscribe" on a subscription removes it
 * (when it is this workspace's) and publishes the Home again with a line saying so.
 */
export function registerAppHome(app: App, runtime: SlackRuntime): void {
  app.event('app_home_opened', async ({ event, body }) => {
    if (event.tab !== 'home') return;
    const team = { teamId: body.team_id, enterpriseId: body.enterprise_id };
    await runtime.work.run('app-home-opened', () => publishAppHome(runtime, team, event.user));
  });
  app.action<BlockAction<ButtonAction>>({ action_id: IDS.homeUnsubscribe }, async ({ ack, body, action }) => {
    await ack();
    const team: SlackTeamRef = {
      teamId: body.team?.id ?? body.user.team_id,
      enterpriseId: body.enterprise?.id ?? body.team?.enterprise_id,
      isEnterpriseInstall: body.is_enterprise_install === true,
    };
    void runtime.work.run('home-unsubscribe', async () => {
      const place = slackPlace(team, '', body.user.id);
      const answer = await unsubscribeFromWorkspace(runtime.deps, place, action.value ?? '');
      const notice =
        answer.kind === 'message' ? saidText(answer.said, messagesFor(answer.locale), answer.text) : undefined;
      await publishAppHome(runtime, team, body.user.id, notice ? { notice } : {});
    });
  });
  // "Open full report" on a card is a link; Slack still reports the click.
  app.action({ action_id: IDS.homeOpenReport }, async ({ ack }) => {
    await ack();
  });
}
