import { Said } from './errors';
import { Platform } from './platforms';

/** Where a subscription posts (domain/platforms). */
export type SubscriptionPlatform = Platform;
export type SubscriptionTargetKind = 'all' | 'bot' | 'campaign';

export interface SubscriptionTarget {
  kind: SubscriptionTargetKind;
  /** Bot or campaign id; '' for all. */
  id: string;
}

/** What a subscription can ask for, in the order they are listed and said. */
export const SUBSCRIPTION_OPTIONS = ['summaries', 'digest', 'live', 'alerts'] as const;
export type SubscriptionOption = (typeof SUBSCRIPTION_OPTIONS)[number];
export type SubscriptionOptions = Record<SubscriptionOption, boolean>;

export interface Subscription extends SubscriptionOptions {
  id: number;
  accountId: string;
  platform: SubscriptionPlatform;
  workspaceId: string | null;
  destination: string;
  target: SubscriptionTarget;
  createdBy: string | null;
  status: 'active' | 'broken';
  brokenReason: string | null;
}

function coversCampaign(target: SubscriptionTarget, campaign: { id: string; botId: string }): boolean {
  const { kind, id } = target;
  return kind === 'all' || (kind === 'bot' && id === campaign.botId) || (kind === 'campaign' && id === campaign.id);
}

/**
 * The subscriptions that may cover a campaign (of everything, of its bot, of the campaign itself), in their
 * given order, found by target instead of by scanning all of them: a tick completing many campaigns of one
 * account would otherwise compare every campaign with every subscription.
 */
export function subscriptionsByTarget(
  subscriptions: readonly Subscription[],
): (campaign: { id: string; botId: string }) => Subscription[] {
  const keyOf = (kind: SubscriptionTargetKind, id: string) => (kind === 'all' ? kind : `${kind}\u0000${id}`);
  const byKey = new Map<string, number[]>();
  subscriptions.forEach((subscription, position) => {
    const key = keyOf(subscription.target.kind, subscription.target.id);
    const positions = byKey.get(key);
    if (positions) positions.push(position);
    else byKey.set(key, [position]);
  });
  const at = (kind: SubscriptionTargetKind, id: string) => byKey.get(keyOf(kind, id)) ?? [];
  return (campaign) =>
    [...at('all', ''), ...at('bot', campaign.botId), ...at('campaign', campaign.id)]
      .sort((a, b) => a - b)
      .map((position) => subscriptions[position]);
}

/** Does a subscription want the summary of this campaign? */
export function wantsCampaignSummary(subscription: Subscription, campaign: { id: string; botId: string }): boolean {
  return subscription.status === 'active' && subscription.summaries && coversCampaign(subscription.target, campaign);
}

/** Does a subscription want this campaign's live message (docs/metrics.md, live progress)? */
export function wantsLiveProgress(subscription: Subscription, campaign: { id: string; botId: string }): boolean {
  return subscription.status === 'active' && subscription.live && coversCampaign(subscription.target, campaign);
}

/**
 * Does a subscription want this alert? A campaign's alert goes where its campaign is covered; a bot's
 * (the monthly block budget, no campaign) where the bot is, so not to subscriptions of one campaign.
 */
export function wantsAlert(subscription: Subscription, about: { campaignId: string | null; botId: string }): boolean {
  if (subscription.status !== 'active' || !subscription.alerts) return false;
  if (about.campaignId === null) {
    const { kind, id } = subscription.target;
    return kind === 'all' || (kind === 'bot' && id === about.botId);
  }
  return coversCampaign(subscription.target, { id: about.campaignId, botId: about.botId });
}

/** Monthly digests go to subscriptions of everything or of a bot (a campaign has no month). */
export function wantsDigest(subscription: Subscription): boolean {
  return subscription.status === 'active' && subscription.digest && subscription.target.kind !== 'campaign';
}

/** A subscription's target as the message catalog words it ("all campaigns and voicebots", "voicebot bot-debt"). */
export function saidTarget(target: SubscriptionTarget): Said {
  return target.kind === 'all' ? { key: 'target.all' } : { key: `target.${target.kind}`, values: { id: target.id } };
}

/** What a subscription sends, as the message catalog words it: "summaries, live progress and alerts". */
export function saidReports(subscription: SubscriptionOptions): Said {
  const parts: Said[] = SUBSCRIPTION_OPTIONS.filter((option) => subscription[option]).map((option): Said => ({
    key: `reports.${option}`,
  }));
  if (parts.length <= 1) return parts[0] ?? { key: 'reports.nothing' };
  const values: Record<string, Said> = {};
  parts.forEach((part, index) => (values[`p${index + 1}`] = part));
  const key = (['reports.list2', 'reports.list3', 'reports.list4'] as const)[parts.length - 2];
  return { key, values };
}

export function describeTarget(target: SubscriptionTarget): string {
  return target.kind === 'all' ? 'all campaigns' : `${target.kind} ${target.id}`;
}

/** What a subscription sends, in English words: "summaries, live progress and alerts". */
export function describeSubscribedReports(subscription: SubscriptionOptions): string {
  const words: Record<SubscriptionOption, string> = {
    summaries: 'summaries',
    digest: 'the monthly digest',
    live: 'live progress',
    alerts: 'alerts',
  };
  const parts = SUBSCRIPTION_OPTIONS.filter((option) => subscription[option]).map((option) => words[option]);
  return parts.length <= 1 ? (parts[0] ?? '') : `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}`;
}
