import { Logger } from 'pino';
import { Db } from '../storage/connection';
import { listStaleDeliveries, listUnfinishedDeliveries } from '../storage/deliveries';
import { listPendingFanouts } from '../storage/report-fanouts';
import { ChannelRegistry } from './channel-registry';
import { enqueueDelivery, enqueueDigest, enqueueFanOut, enqueueUpdate } from './enqueue';
import { JobQueues } from './job-queues';
import { JobSettings } from './job-settings';

export interface SweepDeps {
  db: Db;
  queues: JobQueues;
  channels: ChannelRegistry;
  settings: JobSettings;
  logger: Logger;
}

const BATCH = 500;

/**
 * PostgreSQL is the record of what must happen; Redis only schedules it. Outbox rows and ledger rows
 * that have not moved for a while get their job again (a no-op when it still exists), and delivered
 * chat reports behind their campaign's revision get an edit job (the periodic check of updates).
 */
export async function sweepLostWork(deps: SweepDeps, now: Date): Promise<number> {
  const olderThan = new Date(now.getTime() - deps.settings.sweepAfterMs);
  let count = 0;
  for (const fanout of await listPendingFanouts(deps.db, olderThan, BATCH)) {
    if (fanout.kind === 'campaign') await enqueueFanOut(deps.queues, fanout.accountId, fanout.ref, true);
    else await enqueueDigest(deps.queues, fanout.accountId, fanout.ref, true);
    count += 1;
  }
  for (const delivery of await listUnfinishedDeliveries(deps.db, olderThan, BATCH)) {
    await enqueueDelivery(deps.queues, delivery.id, true);
    count += 1;
  }
  if (count > 0) deps.logger.info({ jobs: count }, 'enqueued work again that had not moved');
  return count + (await enqueueStaleEdits(deps, null));
}

/** Edit jobs for delivered chat reports whose campaign changed since; one account or all. */
export async function enqueueStaleEdits(deps: SweepDeps, accountId: string | null): Promise<number> {
  const stale = await listStaleDeliveries(deps.db, deps.channels.editableKinds(), {
    accountId: accountId ?? undefined,
    limit: BATCH,
  });
  for (const delivery of stale) await enqueueUpdate(deps.queues, delivery.id, delivery.revision);
  return stale.length;
}
