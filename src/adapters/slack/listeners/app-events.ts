import { App } from '@slack/bolt';
import { InstallationStore } from '@slack/oauth';
import { SLACK_ACTION_IDS } from '../../../render/slack/actions';
import { SlackRuntime } from '../slack-runtime';

/**
 * Workspace life cycle: an uninstall or revoked tokens forget the installation, so nothing keeps a dead
 * token. "Open full report" is a plain link whose click Slack still reports: ack it and do nothing.
 */
export function registerAppEvents(app: App, runtime: SlackRuntime, store: InstallationStore | null): void {
  const forget = async (teamId: string | undefined, enterpriseId: string | undefined, why: string) => {
    runtime.logger.info({ teamId, enterpriseId, why }, 'slack workspace left');
    runtime.auth.forget({ teamId, enterpriseId });
    if (store?.deleteInstallation && (teamId || enterpriseId)) {
      await store.deleteInstallation({ teamId, enterpriseId, isEnterpriseInstall: !teamId });
    }
  };
  app.event('app_uninstalled', async ({ body }) => {
    await runtime.work.run('app-uninstalled', () => forget(body.team_id, body.enterprise_id, 'app_uninstalled'));
  });
  app.event('tokens_revoked', async ({ body, event }) => {
    if ((event.tokens.bot ?? []).length === 0) return;
    await runtime.work.run('tokens-revoked', () => forget(body.team_id, body.enterprise_id, 'tokens_revoked'));
  });
  app.action({ action_id: SLACK_ACTION_IDS.openFullReport }, async ({ ack }) => {
    await ack();
  });
  app.error(async (error) => {
    runtime.logger.error({ err: error }, 'slack app error');
  });
}
