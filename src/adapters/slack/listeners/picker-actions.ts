import { App, BlockAction, ButtonAction, StaticSelectAction } from '@slack/bolt';
import { ChatAction } from '../../../reports/chat-actions';
import { answerChatCommand, linkedLocaleOf, placeOfOneAnswer } from '../../../reports/chat-command-service';
import { NATIVE_SURFACE_IDS as IDS } from '../../../render/slack/native-surface-ids';
import { answerDelivery } from '../answer-delivery';
import { answerView } from '../answer-view';
import { deliverToResponseUrl } from '../deliver-answer';
import { SlackRuntime } from '../slack-runtime';
import { ActionContext, actionContext } from './action-context';
import { EPHEMERAL_REPLY, answerButton } from './answer-action';
import { openSubscribeModal } from './subscribe-modal';

type MenuOrButton = BlockAction<ButtonAction | StaticSelectAction>;

/** The click's context with `value` being the campaign picked in the message's menu ('' when none is). */
function pickedContext(body: MenuOrButton): ActionContext {
  const picked = body.state?.values?.[IDS.pickerBlock]?.[IDS.pickCampaign]?.selected_option?.value ?? '';
  const action = body.actions[0];
  const chosen = action.type === 'static_select' ? (action.selected_option?.value ?? '') : picked;
  return actionContext(body as BlockAction<ButtonAction>, { ...(action as ButtonAction), value: chosen });
}

/** A picker button answered as a typed command, as handed to an answer thread (plain data). */
export interface TypedAnswer {
  context: ActionContext;
  text: string;
}

/**
 * A typed command answered to the clicker, as if they had typed it (usage needs no campaign): in an answer
 * thread when the web process has them.
 */
export async function answerTyped(runtime: SlackRuntime, { context, text }: TypedAnswer): Promise<void> {
  if (runtime.offload)
    return runtime.offload.answer({
      kind: 'typed',
      payload: { context, text } satisfies TypedAnswer,
      responseUrl: context.responseUrl,
    });
  const place = placeOfOneAnswer(runtime.deps, context.place, text);
  const answer = await answerChatCommand(runtime.deps, place, text);
  await deliverToResponseUrl(
    context.responseUrl,
    answerView(answer, { shareable: false }),
    EPHEMERAL_REPLY,
    await answerDelivery(runtime, context.team, place),
  );
}

/** No campaign picked yet: say so, in the account's language. */
async function pickFirst(runtime: SlackRuntime, context: ActionContext): Promise<void> {
  const locale = await linkedLocaleOf(runtime.deps, context.place);
  const answer = {
    kind: 'message' as const,
    text: 'Pick a campaign in the menu first, then press the button again.',
    said: { key: 'pickCampaignFirst' as const },
    ...(locale ? { locale } : {}),
  };
  await deliverToResponseUrl(context.responseUrl, answerView(answer, { shareable: false }), EPHEMERAL_REPLY, {
    quickchartBaseUrl: 'off',
    client: async () => null,
    logger: runtime.logger,
  });
}

/**
 * The picker under the help: its buttons act on the campaign picked in its menu (Slack sends the menu's
 * state with the click), checked against the workspace's account like typed text. Picking alone does nothing.
 * A `list` answer's menu opens the picked campaign's overview.
 */
export function registerPickerActions(app: App, runtime: SlackRuntime): void {
  app.action({ action_id: IDS.pickCampaign }, async ({ ack }) => {
    await ack();
  });
  const forCampaign = (actionId: string, toAction: (campaignId: string) => ChatAction) => {
    app.action<MenuOrButton>({ action_id: actionId }, async ({ ack, body }) => {
      await ack();
      const context = pickedContext(body);
      void runtime.work.run(actionId, () =>
        context.value
          ? answerButton(runtime, { context, action: toAction(context.value) })
          : pickFirst(runtime, context),
      );
    });
  };
  forCampaign(IDS.pickerOverview, (campaignId) => ({ kind: 'campaign', campaignId }));
  forCampaign(IDS.openListedCampaign, (campaignId) => ({ kind: 'campaign', campaignId }));
  forCampaign(IDS.pickerCalls, (campaignId) => ({ kind: 'calls', campaignId, filter: {} }));
  app.action<MenuOrButton>({ action_id: IDS.pickerUsage }, async ({ ack, body }) => {
    await ack();
    const context = pickedContext(body);
    void runtime.work.run('picker-usage', () => answerTyped(runtime, { context, text: 'usage' }));
  });
  app.action<MenuOrButton>({ action_id: IDS.pickerSubscribe }, async ({ ack, body }) => {
    await ack();
    const context = pickedContext(body);
    void runtime.work.run('picker-subscribe', async () => {
      const at = { triggerId: body.trigger_id, channelId: context.channelId ?? '', userId: body.user.id };
      const selected = body.state?.values?.[IDS.pickerBlock]?.[IDS.pickCampaign]?.selected_option;
      const campaign = context.value ? { id: context.value, label: selected?.text?.text ?? context.value } : undefined;
      if (!(await openSubscribeModal(runtime, context.team, at, campaign)))
        await answerTyped(runtime, { context, text: 'subscriptions' });
    });
  });
}
