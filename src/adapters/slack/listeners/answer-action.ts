import { ChatAction, answerChatAction } from '../../../reports/chat-actions';
import { placeOfOneAnswer } from '../../../reports/chat-command-service';
import { renderSlackText } from '../../../render/slack/text';
import { answerView } from '../answer-view';
import { SLACK_CALL_ROWS, answerDelivery } from '../answer-delivery';
import { deliverToResponseUrl } from '../deliver-answer';
import { ResponseUrlPayload, postToResponseUrl } from '../response-url';
import { SOMETHING_WENT_WRONG, SlackRuntime, fullReportUrlOf } from '../slack-runtime';
import { ActionContext } from './action-context';

export const EPHEMERAL_REPLY = { response_type: 'ephemeral', replace_original: false } as const;

/**
 * Answers a button through its response_url: a report goes out with `extra` (in_channel for "Share"),
 * anything else (not found, unlinked) only to the person who clicked.
 */
async function answerAction(
  runtime: SlackRuntime,
  context: ActionContext,
  action: ChatAction,
  extra: ResponseUrlPayload = EPHEMERAL_REPLY,
): Promise<'report' | 'other'> {
  const place = placeOfOneAnswer(runtime.deps, context.place);
  try {
    const answer = await answerChatAction(runtime.deps, place, action, { callRows: SLACK_CALL_ROWS });
    const isReport = answer.kind === 'campaign' || answer.kind === 'calls';
    const fullReportUrl = await fullReportUrlOf(runtime, place, answer);
    const view = answerView(answer, {
      shareable: false,
      recordingLinkTtlSeconds: runtime.recordingLinkTtlSeconds,
      fullReportUrl,
    });
    await deliverToResponseUrl(
      context.responseUrl,
      view,
      isReport ? extra : EPHEMERAL_REPLY,
      await answerDelivery(runtime, context.team, place),
    );
    return isReport ? 'report' : 'other';
  } catch (err) {
    runtime.logger.error({ err, action: action.kind }, 'slack button failed');
    const sorry = renderSlackText(SOMETHING_WENT_WRONG);
    await postToResponseUrl(context.responseUrl, { ...EPHEMERAL_REPLY, text: sorry.text, blocks: sorry.blocks });
    return 'other';
  }
}

/** A button's answer, as handed to an answer thread (plain data). */
export interface ButtonAnswer {
  context: ActionContext;
  action: ChatAction;
  /** How a report goes out (in_channel for "Share"); anything else goes to the clicker alone. */
  extra?: ResponseUrlPayload;
  /** Remove the message the button was on once the report is out ("Share": the private copy is done). */
  removeOriginal?: boolean;
}

/** Answers a button: in an answer thread when the web process has them, so that acks never wait for it. */
export async function answerButton(runtime: SlackRuntime, button: ButtonAnswer): Promise<void> {
  if (runtime.offload)
    return runtime.offload.answer({ kind: 'button', payload: button, responseUrl: button.context.responseUrl });
  const outcome = await answerAction(runtime, button.context, button.action, button.extra);
  // Failing to remove the private copy is harmless.
  if (button.removeOriginal && outcome === 'report')
    await postToResponseUrl(button.context.responseUrl, { delete_original: true }).catch(() => undefined);
}
