import { Logger } from 'pino';
import { PlannedDelivery, campaignDestinations, digestDestinations } from '../domain/delivery-destinations';
import { ReportSubject } from '../domain/delivery';
import { campaignKey, findCampaign } from '../storage/campaigns';
import { Db } from '../storage/connection';
import { insertDeliveries, listPostedLiveDeliveries, listReportDeliveries } from '../storage/deliveries';
import { CompletedCampaign } from '../storage/completion';
import { insertFanout, markFanoutDone, markFanoutsDone } from '../storage/report-fanouts';
import { subscriptionsByTarget } from '../domain/subscription';
import { listActiveSubscriptions } from '../storage/subscriptions';
import { ChannelRegistry } from './channel-registry';
import { enqueueDeliveries, enqueueUpdate } from './enqueue';
import { JobQueues } from './job-queues';

export interface FanOutDeps {
  db: Db;
  channels: ChannelRegistry;
  queues: JobQueues;
  logger: Logger;
}

/**
 * Writes one ledger row per destination and marks the outbox row done in one transaction, then
 * enqueues a delivery job for every row still to deliver. Running it again adds nothing to the ledger
 * and only re-enqueues what is unfinished.
 */
async function recordAndEnqueue(deps: FanOutDeps, subject: ReportSubject, planned: PlannedDelivery[]): Promise<number> {
  await deps.db.transaction(async (trx) => {
    await insertDeliveries(trx, planned);
    await markFanoutDone(trx, subject.accountId, subject.kind, subject.ref);
  });
  const rows = await listReportDeliveries(deps.db, subject.accountId, subject.kind, subject.ref);
  const unfinished = rows.filter((row) => row.status === 'pending' || row.status === 'sending');
  await enqueueDeliveries(
    deps.queues,
    unfinished.map((row) => row.id),
  );
  deps.logger.info({ ...subject, destinations: rows.length, enqueued: unfinished.length }, 'report fanned out');
  return unfinished.length;
}

/** A completed campaign's report to its subscribed channels, report_emails and email subscribers. */
export async function processFanOut(deps: FanOutDeps, accountId: string, campaignId: string): Promise<number> {
  const subject: ReportSubject = { kind: 'campaign', accountId, ref: campaignId };
  const campaign = await findCampaign(deps.db, accountId, campaignId);
  if (!campaign) {
    await markFanoutDone(deps.db, accountId, 'campaign', campaignId);
    return 0;
  }
  const subscriptions = await listActiveSubscriptions(deps.db, accountId);
  const planned = campaignDestinations(subject, campaign, subscriptions, deps.channels.kinds());
  const enqueued = await recordAndEnqueue(deps, subject, planned);
  return enqueued + (await finishLiveMessages(deps, planned));
}

/**
 * Destinations that already hold a campaign's live message get it edited into the final report (at the
 * campaign's revision), not a second post.
 */
async function finishLiveMessages(deps: FanOutDeps, planned: readonly PlannedDelivery[]): Promise<number> {
  const live = await listPostedLiveDeliveries(
    deps.db,
    planned.map((row) => row.id),
  );
  const revisions = new Map<string, number>();
  for (const row of live) {
    const key = campaignKey(row.accountId, row.reportRef);
    if (!revisions.has(key))
      revisions.set(key, (await findCampaign(deps.db, row.accountId, row.reportRef))?.revision ?? 0);
    await enqueueUpdate(deps.queues, row.id, revisions.get(key)!);
  }
  return live.length;
}

/**
 * The campaigns one completion tick completed, fanned out together: one subscriptions read per account, the
 * ledger rows of all of them and their outbox rows done in one transaction, one enqueue of every delivery.
 * The same ledger rows as processFanOut for each campaign (delivery ids are derived from report and
 * destination), so a fan-out job of the same campaign run later adds nothing.
 */
export async function fanOutCompleted(deps: FanOutDeps, completed: readonly CompletedCampaign[]): Promise<number> {
  const byAccount = new Map<string, CompletedCampaign[]>();
  for (const campaign of completed)
    byAccount.set(campaign.accountId, [...(byAccount.get(campaign.accountId) ?? []), campaign]);
  const planned: PlannedDelivery[] = [];
  for (const [accountId, campaigns] of byAccount) {
    const covering = subscriptionsByTarget(await listActiveSubscriptions(deps.db, accountId));
    for (const campaign of campaigns) {
      const subject: ReportSubject = { kind: 'campaign', accountId, ref: campaign.campaignId };
      const destinations = campaignDestinations(
        subject,
        { id: campaign.campaignId, botId: campaign.botId, reportEmails: campaign.reportEmails },
        covering({ id: campaign.campaignId, botId: campaign.botId }),
        deps.channels.kinds(),
      );
      planned.push(...destinations);
    }
  }
  await deps.db.transaction(async (trx) => {
    for (let i = 0; i < planned.length; i += INSERT_CHUNK)
      await insertDeliveries(trx, planned.slice(i, i + INSERT_CHUNK));
    for (const [accountId, campaigns] of byAccount) {
      const refs = campaigns.map((campaign) => campaign.campaignId);
      for (let i = 0; i < refs.length; i += INSERT_CHUNK)
        await markFanoutsDone(trx, accountId, 'campaign', refs.slice(i, i + INSERT_CHUNK));
    }
  });
  await enqueueDeliveries(
    deps.queues,
    planned.map((row) => row.id),
  );
  const finished = await finishLiveMessages(deps, planned);
  deps.logger.info({ campaigns: completed.length, enqueued: planned.length, finished }, 'reports fanned out');
  return planned.length + finished;
}

/** Rows per INSERT (PostgreSQL allows 65,535 parameters a statement; a ledger row has 9). */
const INSERT_CHUNK = 1000;

/**
 * The monthly digest `digest-<account>-<YYYY-MM>`: recorded in the outbox first, so that two
 * schedulers, a retried job or a re-run all land on the same ledger rows and each destination gets one.
 */
export async function processDigest(deps: FanOutDeps, accountId: string, month: string): Promise<number> {
  const subject: ReportSubject = { kind: 'digest', accountId, ref: month };
  await insertFanout(deps.db, accountId, 'digest', month);
  const subscriptions = await listActiveSubscriptions(deps.db, accountId);
  return recordAndEnqueue(deps, subject, digestDestinations(subject, subscriptions, deps.channels.kinds()));
}
