import { PickerCampaign, PickerChoices, subscribeTargetValue } from '../../domain/native-surfaces';
import { Messages, messagesFor } from '../i18n/messages';
import { singleLine } from '../report-figures';
import { escapeSlackText } from './escape';
import { ActionsBlock, ButtonElement, buttonElement } from './block-kit';
import { NATIVE_SURFACE_IDS } from './native-surface-ids';
import { ExternalSelectElement, OptionObject, optionList, optionObject, placeholder } from './select-elements';

/** The campaign menu: options come from block_suggestion, searched as the user types (no minimum). */
export function campaignSelect(m: Messages, actionId: string = NATIVE_SURFACE_IDS.pickCampaign): ExternalSelectElement {
  return {
    type: 'external_select',
    action_id: actionId,
    placeholder: placeholder(m.t('picker.placeholder')),
    min_query_length: 0,
  };
}

/**
 * Pick, don't type: the campaign menu and what to do with the picked campaign (its overview, its calls), the
 * month's usage and subscribing, under the help of `/campaign-report`.
 */
export function campaignPickerBlocks(m: Messages): ActionsBlock[] {
  const button = (text: string, actionId: string): ButtonElement | null =>
    buttonElement({ text, actionId, value: 'picker' });
  const buttons = [
    button(m.t('picker.overview'), NATIVE_SURFACE_IDS.pickerOverview),
    button(m.t('picker.calls'), NATIVE_SURFACE_IDS.pickerCalls),
    button(m.t('picker.usage'), NATIVE_SURFACE_IDS.pickerUsage),
    button(m.t('picker.subscribe'), NATIVE_SURFACE_IDS.pickerSubscribe),
  ].filter((b): b is ButtonElement => b !== null);
  return [{ type: 'actions', block_id: NATIVE_SURFACE_IDS.pickerBlock, elements: [campaignSelect(m), ...buttons] }];
}

/** A campaign as a menu option: "Name (id)" and its state; null when its id cannot be carried. */
export function campaignOption(
  campaign: Pick<PickerCampaign, 'id' | 'name' | 'state'>,
  m: Messages,
  value: string,
): OptionObject | null {
  const name = singleLine(campaign.name) || campaign.id;
  const text = name === campaign.id ? campaign.id : `${name} (${singleLine(campaign.id)})`;
  return optionObject(escapeSlackText(text), value, escapeSlackText(m.state(campaign.state)));
}

/**
 * The answer to a block_suggestion: at most 100 options. Option text is plain_text, escaped like every text
 * we send (Slack shows `&lt;` as `<`), so names like `<!channel>` are shown as typed and notify nobody.
 */
export function pickerOptionsResponse(
  choices: PickerChoices,
  purpose: 'campaign' | 'subscribe-target',
): { options: OptionObject[] } {
  const m = messagesFor(choices.locale);
  const targets = choices.targets.map((target) =>
    target.kind === 'all'
      ? optionObject(escapeSlackText(m.t('picker.allTarget')), subscribeTargetValue(target))
      : optionObject(
          escapeSlackText(m.t('picker.botTarget', { id: singleLine(target.id) })),
          subscribeTargetValue(target),
        ),
  );
  const campaigns = choices.campaigns.map((campaign) =>
    campaignOption(
      campaign,
      m,
      purpose === 'campaign' ? campaign.id : subscribeTargetValue({ kind: 'campaign', id: campaign.id }),
    ),
  );
  return { options: optionList([...targets, ...campaigns]) };
}

/** Nothing to offer (an unlinked workspace, a failure): an empty list, which Slack shows as "no results". */
export const NO_OPTIONS = { options: [] as OptionObject[] };
