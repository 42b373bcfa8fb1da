import { App, BlockAction, ButtonAction } from '@slack/bolt';
import { SLACK_ACTION_IDS } from '../../../render/slack/actions';
import { SlackRuntime } from '../slack-runtime';
import { actionContext } from './action-context';
import { answerButton } from './answer-action';

/**
 * "Listen": the link on the button may have expired since the report was posted, so a fresh signed
 * /r/<token> link is made now and sent to the person who clicked.
 */
export function registerListenRecording(app: App, runtime: SlackRuntime): void {
  app.action<BlockAction<ButtonAction>>(
    { action_id: SLACK_ACTION_IDS.listenRecording },
    async ({ ack, body, action }) => {
      await ack();
      const context = actionContext(body, action);
      void runtime.work.run('listen-recording', () =>
        answerButton(runtime, { context, action: { kind: 'recording', callId: context.value } }),
      );
    },
  );
}
