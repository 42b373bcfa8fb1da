import { App, BlockAction, ButtonAction } from '@slack/bolt';
import { SLACK_ACTION_IDS } from '../../../render/slack/actions';
import { SlackRuntime } from '../slack-runtime';
import { actionContext } from './action-context';
import { answerButton } from './answer-action';

/** "Share in channel" on a report only the caller sees: the same report, fresh, for everyone in the channel. */
export function registerShareReport(app: App, runtime: SlackRuntime): void {
  app.action<BlockAction<ButtonAction>>({ action_id: SLACK_ACTION_IDS.shareReport }, async ({ ack, body, action }) => {
    await ack();
    const context = actionContext(body, action);
    void runtime.work.run('share-report', () =>
      answerButton(runtime, {
        context,
        action: { kind: 'campaign', campaignId: context.value },
        extra: { response_type: 'in_channel', replace_original: false },
        removeOriginal: true,
      }),
    );
  });
}
