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

export interface Subscription {
  id: number;
  accountId: string;
  platform: SubscriptionPlatform;
  workspaceId: string | null;
  destination: string;
  target: SubscriptionTarget;
  summaries: boolean;
  digest: boolean;
  createdBy: string | null;
  status: 'active' | 'broken';
  brokenReason: string | null;
}

/** Does a subscription want the summary of this campaign? */
export function wantsCampaignSummary(subscription: Subscription, campaign: { id: string; botId: string }): boolean {
  if (subscription.status !== 'active' || !subscription.summaries) return false;
  const { kind, id } = subscription.target;
  return kind === 'all' || (kind === 'bot' && id === campaign.botId) || (kind === 'campaign' && id === campaign.id);
}

/** Monthly digests go to subscriptions of everything or of a bot (a campaign has no month). */
export function wantsDigest(subscription: Subscription): boolean {
  return subscription.status === 'active' && subscription.digest && subscription.target.kind !== 'campaign';
}

/** A subscription's target as the message catalog words it ("all campaigns and voicebots", "voicebot bot-debt"). */
export function saidTarget(target: SubscriptionTarget): Said {
  return target.kind === 'all' ? { key: 'target.all' } : { key: `target.${target.kind}`, values: { id: target.id } };
}

/** What a subscription sends, as the message catalog words it. */
export function saidReports(subscription: Pick<Subscription, 'summaries' | 'digest'>): Said {
  return {
    key:
      subscription.summaries && subscription.digest
        ? 'reports.both'
        : subscription.summaries
          ? 'reports.summaries'
          : 'reports.digest',
  };
}

export function describeTarget(target: SubscriptionTarget): string {
  return target.kind === 'all' ? 'all campaigns' : `${target.kind} ${target.id}`;
}

/** What a subscription sends: "summaries", "monthly digest" or both. */
export function describeSubscribedReports(subscription: Pick<Subscription, 'summaries' | 'digest'>): string {
  return [subscription.summaries ? 'summaries' : null, subscription.digest ? 'monthly digest' : null]
    .filter(Boolean)
    .join(' and ');
}
