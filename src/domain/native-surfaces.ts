import { CampaignState } from './campaign-overview';
import { CampaignListEntry } from './report-model';
import { SUBSCRIPTION_OPTIONS, Subscription, SubscriptionOption, SubscriptionTarget } from './subscription';

/** The models of the native chat surfaces (docs/chat.md): the campaign picker, the subscribe form, App Home. */

export interface PickerCampaign {
  id: string;
  name: string;
  state: CampaignState;
}

/** What a picker offers: campaigns, and for a subscription also `all` and the account's voicebots. */
export interface PickerChoices {
  kind: 'picker-choices';
  locale: string;
  /** Only when asked for subscription targets: `all` first, then the matching voicebots. */
  targets: SubscriptionTarget[];
  campaigns: PickerCampaign[];
}

/**
 * The options a subscription can be made with from a form (Slack's subscribe modal), as words of the
 * `subscribe` grammar: all of them (domain/subscription); each has its label `subscribeModal.option.<word>`.
 */
export const SUBSCRIBE_FORM_OPTIONS = SUBSCRIPTION_OPTIONS;
export type SubscribeFormOption = SubscriptionOption;

/** A subscription target as a form carries it: `all`, `bot:<id>` or `campaign:<id>`. */
export function subscribeTargetValue(target: SubscriptionTarget): string {
  return target.kind === 'all' ? 'all' : `${target.kind}:${target.id}`;
}

/**
 * What a chat app's Home shows, from the same report model as `list`: the running campaigns (their live
 * progress, issue "Live watch", is to be added to these entries), the latest complete ones, and the
 * workspace's subscriptions.
 */
export interface AppHomeModel {
  kind: 'app-home';
  accountId: string;
  locale: string;
  timeZone: string;
  running: CampaignListEntry[];
  complete: CampaignListEntry[];
  subscriptions: Subscription[];
}
