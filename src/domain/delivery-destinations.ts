import { ChannelKind, DeliveryTarget, ReportSubject, targetKey } from './delivery';
import { deliveryIdFor, normalizeEmail } from './delivery-ids';
import { Subscription, wantsAlert, wantsCampaignSummary, wantsDigest, wantsLiveProgress } from './subscription';

/**
 * Fan-out as a pure function: where one report goes. One delivery per destination, however many
 * subscriptions point there (a channel subscribed to "all" and to a bot gets one message).
 */
export interface PlannedDelivery {
  id: string;
  accountId: string;
  reportKind: ReportSubject['kind'];
  reportRef: string;
  channelKind: ChannelKind;
  workspaceId: string | null;
  destination: string;
  subscriptionIds: number[];
  notifyUser: string | null;
}

interface Draft {
  target: DeliveryTarget;
  subscriptions: Subscription[];
}

function targetOf(subscription: Subscription): DeliveryTarget {
  const email = subscription.platform === 'email';
  return {
    kind: subscription.platform,
    workspaceId: email ? null : subscription.workspaceId,
    destination: email ? normalizeEmail(subscription.destination) : subscription.destination,
  };
}

function plan(subject: ReportSubject, drafts: Map<string, Draft>): PlannedDelivery[] {
  return [...drafts.values()].map(({ target, subscriptions }) => {
    const ordered = [...subscriptions].sort((a, b) => a.id - b.id);
    return {
      id: deliveryIdFor(subject, target),
      accountId: subject.accountId,
      reportKind: subject.kind,
      reportRef: subject.ref,
      channelKind: target.kind,
      workspaceId: target.workspaceId,
      destination: target.destination,
      subscriptionIds: ordered.map((s) => s.id),
      notifyUser: ordered.find((s) => s.createdBy)?.createdBy ?? null,
    };
  });
}

function add(drafts: Map<string, Draft>, target: DeliveryTarget, subscription: Subscription | null): void {
  const key = targetKey(target);
  const draft = drafts.get(key) ?? { target, subscriptions: [] };
  if (subscription) draft.subscriptions.push(subscription);
  drafts.set(key, draft);
}

/** The account's subscriptions on an enabled platform that want this report, one draft per destination. */
function subscribed(
  subject: ReportSubject,
  subscriptions: readonly Subscription[],
  enabledKinds: ReadonlySet<ChannelKind>,
  wants: (subscription: Subscription) => boolean,
): Map<string, Draft> {
  const drafts = new Map<string, Draft>();
  for (const subscription of subscriptions) {
    if (subscription.accountId !== subject.accountId || !enabledKinds.has(subscription.platform)) continue;
    if (wants(subscription)) add(drafts, targetOf(subscription), subscription);
  }
  return drafts;
}

/** A completed campaign: subscribed chat channels (summaries or live), its report_emails and email subscribers. */
export function campaignDestinations(
  subject: ReportSubject,
  campaign: { id: string; botId: string; reportEmails: readonly string[] },
  subscriptions: readonly Subscription[],
  enabledKinds: ReadonlySet<ChannelKind>,
): PlannedDelivery[] {
  // A live message ends as the final summary (docs/live.md), so `live` alone also asks for the summary.
  const drafts = subscribed(
    subject,
    subscriptions,
    enabledKinds,
    (subscription) => wantsCampaignSummary(subscription, campaign) || wantsLiveProgress(subscription, campaign),
  );
  if (enabledKinds.has('email')) {
    for (const address of campaign.reportEmails) {
      if (address.trim()) add(drafts, { kind: 'email', workspaceId: null, destination: normalizeEmail(address) }, null);
    }
  }
  return plan(subject, drafts);
}

/** A monthly digest: every destination subscribed to the digest. */
export function digestDestinations(
  subject: ReportSubject,
  subscriptions: readonly Subscription[],
  enabledKinds: ReadonlySet<ChannelKind>,
): PlannedDelivery[] {
  return plan(subject, subscribed(subject, subscriptions, enabledKinds, wantsDigest));
}

/** A running campaign's live messages: chat destinations (editable kinds) subscribed with `live` that cover it. */
export function liveDestinations(
  subject: ReportSubject,
  campaign: { id: string; botId: string },
  subscriptions: readonly Subscription[],
  editableKinds: ReadonlySet<ChannelKind>,
): PlannedDelivery[] {
  return plan(
    subject,
    subscribed(subject, subscriptions, editableKinds, (subscription) => wantsLiveProgress(subscription, campaign)),
  );
}

/**
 * An alert's firing or clearing: every destination subscribed to alerts of its campaign (or, for a
 * bot's budget, of its bot), and for a firing the account's alert email recipients.
 */
export function alertDestinations(
  subject: ReportSubject,
  about: { campaignId: string | null; botId: string },
  subscriptions: readonly Subscription[],
  enabledKinds: ReadonlySet<ChannelKind>,
  alertEmails: readonly string[],
): PlannedDelivery[] {
  const drafts = subscribed(subject, subscriptions, enabledKinds, (subscription) => wantsAlert(subscription, about));
  if (enabledKinds.has('email')) {
    for (const address of alertEmails) {
      if (address.trim()) add(drafts, { kind: 'email', workspaceId: null, destination: normalizeEmail(address) }, null);
    }
  }
  return plan(subject, drafts);
}
