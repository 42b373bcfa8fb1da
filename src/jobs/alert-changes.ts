import { Logger } from 'pino';
import { AlertFigures, ClearReason } from '../domain/alert-notice';
import { AlertRule } from '../domain/alert-rules';
import { alertRef } from '../domain/alert-subject';
import { PlannedDelivery, alertDestinations } from '../domain/delivery-destinations';
import { loadAlertEmails } from '../storage/alert-settings';
import { AlertEpisode, clearEpisode, insertEpisode } from '../storage/alert-episodes';
import { Db } from '../storage/connection';
import { insertDeliveries } from '../storage/deliveries';
import { listActiveSubscriptions } from '../storage/subscriptions';
import { ChannelRegistry } from './channel-registry';
import { enqueueDeliveries } from './enqueue';
import { JobQueues } from './job-queues';

export interface AlertDeps {
  db: Db;
  queues: JobQueues;
  channels: ChannelRegistry;
  logger: Logger;
}

export type AlertChange =
  | {
      event: 'fire';
      rule: AlertRule;
      scope: string;
      campaignId: string | null;
      botId: string;
      figures: AlertFigures;
    }
  | { event: 'clear'; episode: AlertEpisode; reason: ClearReason; figures: AlertFigures | null; silent?: boolean };

export interface AppliedChange {
  event: 'fire' | 'clear';
  episode: AlertEpisode;
  deliveries: string[];
}

/**
 * Records each decision as an episode row and its ledger rows in the caller's transaction: a firing
 * that finds its episode already open (another process won) and a clearing that finds it already
 * closed record nothing and deliver nothing. Firings go to alert subscriptions and the account's alert
 * emails; clearings to the subscriptions only.
 */
export async function recordAlertChanges(
  trx: Db,
  deps: Pick<AlertDeps, 'channels'>,
  accountId: string,
  changes: readonly AlertChange[],
  now: Date,
): Promise<AppliedChange[]> {
  if (changes.length === 0) return [];
  const subscriptions = await listActiveSubscriptions(trx, accountId);
  const emails = await loadAlertEmails(trx, accountId);
  const kinds = deps.channels.kinds();
  const applied: AppliedChange[] = [];
  for (const change of changes) {
    const episode =
      change.event === 'fire'
        ? await insertEpisode(trx, {
            accountId,
            rule: change.rule,
            scope: change.scope,
            campaignId: change.campaignId,
            botId: change.botId,
            firedAt: now,
            fireFigures: change.figures,
          })
        : await clearEpisode(trx, change.episode.id, now, change.reason, change.figures);
    if (!episode) continue;
    let planned: PlannedDelivery[] = [];
    if (!(change.event === 'clear' && change.silent)) {
      const subject = { kind: 'alert' as const, accountId, ref: alertRef(episode.id, change.event) };
      const about = { campaignId: episode.campaignId, botId: episode.botId };
      planned = alertDestinations(subject, about, subscriptions, kinds, change.event === 'fire' ? emails : []);
      await insertDeliveries(trx, planned);
    }
    applied.push({ event: change.event, episode, deliveries: planned.map((row) => row.id) });
  }
  return applied;
}

/** After the transaction commits: the deliveries go to the queue (the sweep re-enqueues any lost here). */
export async function enqueueAlertDeliveries(deps: AlertDeps, applied: readonly AppliedChange[]): Promise<void> {
  const ids = applied.flatMap((change) => change.deliveries);
  await enqueueDeliveries(deps.queues, ids);
  for (const change of applied) {
    deps.logger.info(
      {
        accountId: change.episode.accountId,
        rule: change.episode.rule,
        scope: change.episode.scope,
        event: change.event,
        destinations: change.deliveries.length,
      },
      change.event === 'fire' ? 'alert fired' : 'alert cleared',
    );
  }
}
