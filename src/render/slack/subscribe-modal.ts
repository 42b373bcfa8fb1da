import { SUBSCRIBE_FORM_OPTIONS, subscribeTargetValue } from '../../domain/native-surfaces';
import { singleLine } from '../report-figures';
import { Said } from '../../domain/errors';
import { MessageKey, messagesFor } from '../i18n/messages';
import { saidText } from '../said';
import { contextBlock, plainText, sectionBlock } from './block-kit';
import { campaignSelect } from './campaign-picker';
import { escapeSlackText } from './escape';
import { NATIVE_SURFACE_IDS as IDS } from './native-surface-ids';
import {
  MAX_INPUT_LABEL,
  MAX_VIEW_BUTTON,
  OptionObject,
  SlackModalView,
  optionList,
  optionObject,
  placeholder,
  viewTitle,
} from './select-elements';

export interface SubscribeModalOptions {
  locale?: string;
  /** The channel the command was typed in: the channel menu starts on it. */
  channelId?: string;
  /** A campaign already picked (the picker's Subscribe… button): the target menu starts on it. */
  campaign?: { id: string; label: string };
}

function optionChoices(locale: string | undefined): OptionObject[] {
  const m = messagesFor(locale);
  return optionList(
    SUBSCRIBE_FORM_OPTIONS.map((option) => optionObject(m.t(`subscribeModal.option.${option}` as MessageKey), option)),
  );
}

/**
 * `subscribe` alone: where to post (a channel, the current one first), what of (all campaigns, a bot or a
 * campaign, searched like the picker) and which reports (every option of SUBSCRIBE_FORM_OPTIONS, all ticked).
 */
export function renderSubscribeModal(options: SubscribeModalOptions = {}): SlackModalView {
  const m = messagesFor(options.locale);
  const choices = optionChoices(options.locale);
  const label = (key: MessageKey) => plainText(m.t(key), MAX_INPUT_LABEL);
  const initial = options.campaign
    ? optionObject(
        escapeSlackText(singleLine(options.campaign.label) || options.campaign.id),
        subscribeTargetValue({ kind: 'campaign', id: options.campaign.id }),
      )
    : null;
  return {
    type: 'modal',
    callback_id: IDS.subscribeModal,
    title: viewTitle(m.t('subscribeModal.title')),
    submit: plainText(m.t('subscribeModal.submit'), MAX_VIEW_BUTTON),
    close: plainText(m.t('subscribeModal.close'), MAX_VIEW_BUTTON),
    blocks: [
      {
        type: 'input',
        block_id: IDS.subscribeChannelBlock,
        label: label('subscribeModal.channel'),
        element: {
          type: 'conversations_select',
          action_id: IDS.subscribeChannel,
          placeholder: placeholder(m.t('subscribeModal.channelPlaceholder')),
          default_to_current_conversation: true,
          ...(options.channelId ? { initial_conversation: options.channelId } : {}),
          filter: { include: ['public', 'private'], exclude_bot_users: true },
        },
      },
      {
        type: 'input',
        block_id: IDS.subscribeTargetBlock,
        label: label('subscribeModal.target'),
        element: {
          ...campaignSelect(m, IDS.pickSubscribeTarget),
          placeholder: placeholder(m.t('subscribeModal.targetPlaceholder')),
          ...(initial ? { initial_option: initial } : {}),
        },
      },
      {
        type: 'input',
        block_id: IDS.subscribeOptionsBlock,
        label: label('subscribeModal.options'),
        element: { type: 'checkboxes', action_id: IDS.subscribeOptions, options: choices, initial_options: choices },
      },
      contextBlock([escapeSlackText(m.t('subscribeModal.privateChannels'))]),
    ],
  };
}

const CHANNEL_MARK = '\u0000channel\u0000';

/**
 * What the modal turns into once subscribed: what the typed command answers (`said`, its values), naming the
 * channel chosen (a mention of its id, which only Slack's own ids reach).
 */
export function renderSubscribeDone(said: Said, fallback: string, channelId: string, locale?: string): SlackModalView {
  const m = messagesFor(locale);
  const channel = /^[CGD][A-Z0-9]{2,30}$/.test(channelId) ? `<#${channelId}>` : escapeSlackText(channelId);
  const sentence = escapeSlackText(
    saidText({ key: 'subscribedIn', values: { ...said.values, channel: CHANNEL_MARK } }, m, fallback),
  ).replace(CHANNEL_MARK, channel);
  return {
    type: 'modal',
    callback_id: IDS.subscribeModal,
    title: viewTitle(m.t('subscribeModal.title')),
    close: plainText(m.t('subscribeModal.done'), MAX_VIEW_BUTTON),
    blocks: [sectionBlock(sentence), contextBlock([escapeSlackText(m.t('subscribeModal.seeThem'))])],
  };
}
