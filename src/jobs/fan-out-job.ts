import { Logger } from 'pino';
import { PlannedDelivery, campaignDestinations, digestDestinations } from '../domain/delivery-destinations';
import { ReportSubject } from '../domain/delivery';
import { findCampaign } from '../storage/campaigns';
import { Db } from '../storage/connection';
import { insertDeliveries, listReportDeliveries } from '../storage/deliveries';
import { insertFanout, markFanoutDone } from '../storage/report-fanouts';
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
  return enqueued + (await finishLiveMessages(deps, subject, campaign.revision, planned));
}

/** Destinations that already hold the campaign's live message get it edited into the final report, not a second post. */
async function finishLiveMessages(
  deps: FanOutDeps,
  subject: ReportSubject,
  revision: number,
  planned: readonly PlannedDelivery[],
): Promise<number> {
  const wanted = new Set(planned.map((row) => row.id));
  const rows = await listReportDeliveries(deps.db, subject.accountId, subject.kind, subject.ref);
  const live = rows.filter((row) => row.live && row.status === 'done' && wanted.has(row.id));
  for (const row of live) await enqueueUpdate(deps.queues, row.id, revision);
  return live.length;
}

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
