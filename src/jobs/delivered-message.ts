import {
  DeliverableReport,
  DeliveryAttempt,
  DeliveryChannel,
  DeliveryTarget,
  MessageRef,
  ReportSubject,
} from '../domain/delivery';
import { Db } from '../storage/connection';
import { Delivery, markDeliveryUpdated } from '../storage/deliveries';

/** The report a ledger row delivers. */
export const subjectOf = (row: Delivery): ReportSubject => ({
  kind: row.reportKind,
  accountId: row.accountId,
  ref: row.reportRef,
});

/** Where a ledger row delivers. */
export const targetOf = (row: Delivery): DeliveryTarget => ({
  kind: row.channelKind,
  workspaceId: row.workspaceId,
  destination: row.destination,
});

/**
 * Edits the message a destination already holds (an update, a live edit, the live message's final report)
 * and records the revision it now shows. An edit can be repeated, so nothing is irreversible here.
 */
export async function editDeliveredMessage(
  db: Db,
  channel: DeliveryChannel,
  row: Delivery,
  shown: MessageRef,
  loaded: { report: DeliverableReport; revision: number },
): Promise<void> {
  const attempt: DeliveryAttempt = {
    deliveryId: row.id,
    target: targetOf(row),
    since: row.createdAt,
    ref: shown,
    beforeIrreversible: async () => undefined,
  };
  const ref = await channel.update(loaded.report, attempt, shown);
  await markDeliveryUpdated(db, row.id, ref, loaded.revision);
}
