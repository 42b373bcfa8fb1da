import { App, BlockAction, ButtonAction } from '@slack/bolt';
import { SLACK_ACTION_IDS } from '../../../render/slack/actions';
import { SlackRuntime } from '../slack-runtime';
import { actionContext } from './action-context';
import { answerButton } from './answer-action';

/** "Calls" on a campaign report: its detailed report, for the person who clicked. */
export function registerOpenCalls(app: App, runtime: SlackRuntime): void {
  app.action<BlockAction<ButtonAction>>({ action_id: SLACK_ACTION_IDS.openCalls }, async ({ ack, body, action }) => {
    await ack();
    const context = actionContext(body, action);
    void runtime.work.run('open-calls', () =>
      answerButton(runtime, { context, action: { kind: 'calls', campaignId: context.value, filter: {} } }),
    );
  });
}
