import { ChannelKind, MessageRef, ReportKind } from '../domain/delivery';
import { PlannedDelivery } from '../domain/delivery-destinations';
import { Db } from './connection';
import { HeldLock, deliveryLockHeldSql } from './delivery-locks';
import { jsonValue, toDate, toInt, toNullableInt } from './sql-values';

/**
 * The delivery ledger: one row per (report, destination). The job that delivers a row claims it; a done
 * row makes any later job do nothing (or edit the message when the campaign changed since).
 */

export type DeliveryStatus = 'pending' | 'sending' | 'done' | 'failed';

export interface DbDeliveryRow {
  id: string;
  account_id: string;
  report_kind: ReportKind;
  report_ref: string;
  channel_kind: ChannelKind;
  workspace_id: string | null;
  destination: string;
  subscription_ids: number[] | string;
  notify_user: string | null;
  status: DeliveryStatus;
  attempts: number;
  message_ref: string | null;
  message_container: string | null;
  sending_revision: number | null;
  delivered_revision: number | null;
  last_error: string | null;
  created_at: string | Date;
  updated_at: string | Date;
  delivered_at: string | Date | null;
  live?: boolean;
  live_edits?: number;
  live_calls?: number | null;
  live_edited_at?: string | Date | null;
}

/** A delivery as planned (domain/delivery-destinations) and then tracked. */
export interface Delivery extends PlannedDelivery {
  status: DeliveryStatus;
  attempts: number;
  messageRef: MessageRef | null;
  sendingRevision: number | null;
  deliveredRevision: number | null;
  lastError: string | null;
  createdAt: Date;
  updatedAt: Date;
  deliveredAt: Date | null;
  /** The campaign's live message (docs/live.md), not yet turned into the final report. */
  live: boolean;
  liveEdits: number;
  liveCalls: number | null;
  liveEditedAt: Date | null;
}

function toDelivery(row: DbDeliveryRow): Delivery {
  const ids = jsonValue<number[] | null>(row.subscription_ids);
  return {
    id: row.id,
    accountId: row.account_id,
    reportKind: row.report_kind,
    reportRef: row.report_ref,
    channelKind: row.channel_kind,
    workspaceId: row.workspace_id,
    destination: row.destination,
    subscriptionIds: (ids ?? []).map(Number),
    notifyUser: row.notify_user,
    status: row.status,
    attempts: toInt(row.attempts),
    messageRef: row.message_ref ? { id: row.message_ref, container: row.message_container } : null,
    sendingRevision: toNullableInt(row.sending_revision),
    deliveredRevision: toNullableInt(row.delivered_revision),
    lastError: row.last_error,
    createdAt: toDate(row.created_at) as Date,
    updatedAt: toDate(row.updated_at) as Date,
    deliveredAt: toDate(row.delivered_at),
    live: row.live === true,
    liveEdits: toInt(row.live_edits ?? 0),
    liveCalls: toNullableInt(row.live_calls ?? null),
    liveEditedAt: toDate(row.live_edited_at ?? null),
  };
}

/**
 * Adds the rows that do not exist yet; an existing row (same id) is left exactly as it is. `live`: the rows
 * are campaigns' live messages (docs/live.md).
 */
export async function insertDeliveries(
  db: Db,
  rows: readonly PlannedDelivery[],
  options: { live?: boolean } = {},
): Promise<void> {
  if (rows.length === 0) return;
  await db('deliveries')
    .insert(
      rows.map((row) => ({
        id: row.id,
        account_id: row.accountId,
        report_kind: row.reportKind,
        report_ref: row.reportRef,
        channel_kind: row.channelKind,
        workspace_id: row.workspaceId,
        destination: row.destination,
        subscription_ids: JSON.stringify(row.subscriptionIds),
        notify_user: row.notifyUser,
        ...(options.live ? { live: true } : {}),
      })),
    )
    .onConflict('id')
    .ignore();
}

/** Of these deliveries, the live messages already posted (docs/live.md): a final report edits them. */
export async function listPostedLiveDeliveries(db: Db, ids: readonly string[]): Promise<Delivery[]> {
  if (ids.length === 0) return [];
  const rows = await db('deliveries').whereIn('id', ids).where({ live: true, status: 'done' });
  return (rows as DbDeliveryRow[]).map(toDelivery);
}

export async function findDelivery(db: Db, id: string): Promise<Delivery | null> {
  const row = await db('deliveries').where({ id }).first();
  return row ? toDelivery(row as DbDeliveryRow) : null;
}

/** The rows of these ids, in no particular order; ids without a row are left out. */
export async function findDeliveries(db: Db, ids: readonly string[]): Promise<Delivery[]> {
  if (ids.length === 0) return [];
  const rows = await db('deliveries').whereIn('id', ids);
  return (rows as DbDeliveryRow[]).map(toDelivery);
}

export async function listReportDeliveries(
  db: Db,
  accountId: string,
  kind: ReportKind,
  ref: string,
): Promise<Delivery[]> {
  const rows = await db('deliveries')
    .where({ account_id: accountId, report_kind: kind, report_ref: ref })
    .orderBy('id');
  return (rows as DbDeliveryRow[]).map(toDelivery);
}

/** A new attempt starts: counted, and the ref fixed before the first one (email's Message-ID) recorded once. */
export async function startDeliveryAttempt(db: Db, id: string, plannedRef: MessageRef | null): Promise<void> {
  await db('deliveries')
    .where({ id })
    .update({
      attempts: db.raw('attempts + 1'),
      ...(plannedRef ? { message_ref: db.raw('coalesce(message_ref, ?)', [plannedRef.id]) } : {}),
      updated_at: db.fn.now(),
    });
}

/** A new attempt of each of these rows (none of them with a ref fixed in advance), in one statement. */
export async function startDeliveryAttempts(db: Db, ids: readonly string[]): Promise<void> {
  if (ids.length === 0) return;
  await db('deliveries')
    .whereIn('id', ids)
    .update({ attempts: db.raw('attempts + 1'), updated_at: db.fn.now() });
}

/**
 * From here on the destination may have the message: a crash must be healed, not retried blindly. Written only
 * while `lock` still holds the row (delivery-locks.ts): an attempt that lost its lock must not send.
 */
export async function markDeliverySending(
  db: Db,
  id: string,
  revision: number,
  lock: HeldLock = { backendPid: null },
): Promise<void> {
  const query = db('deliveries').where({ id }).whereIn('status', ['pending', 'sending']);
  if (lock.backendPid !== null) query.andWhereRaw(deliveryLockHeldSql('deliveries.id'), [lock.backendPid]);
  const updated = await query.update({ status: 'sending', sending_revision: revision, updated_at: db.fn.now() });
  if (updated !== 1) throw new Error(`delivery ${id} is no longer pending, or this attempt no longer holds its lock`);
}

/** Delivered; `note` says how it was established when it was not a plain send (crash healing). */
export async function markDeliveryDone(
  db: Db,
  id: string,
  ref: MessageRef,
  revision: number,
  note: string | null = null,
): Promise<void> {
  await db('deliveries').where({ id }).update({
    status: 'done',
    message_ref: ref.id,
    message_container: ref.container,
    delivered_revision: revision,
    last_error: note,
    delivered_at: db.fn.now(),
    updated_at: db.fn.now(),
  });
}

/** The destination now shows `revision` (an edit in place); the revision only ever goes up. */
export async function markDeliveryUpdated(
  db: Db,
  id: string,
  ref: MessageRef,
  revision: number,
  note: string | null = null,
): Promise<void> {
  await db('deliveries')
    .where({ id })
    .update({
      message_ref: ref.id,
      message_container: ref.container,
      delivered_revision: db.raw('greatest(coalesce(delivered_revision, 0), ?)', [revision]),
      last_error: note,
      updated_at: db.fn.now(),
    });
}

/** The platform refused the message outright: nothing reached the destination, so the next try may post. */
export async function markDeliveryPending(db: Db, id: string, error: string): Promise<void> {
  await db('deliveries')
    .where({ id, status: 'sending' })
    .update({ status: 'pending', last_error: error.slice(0, 1000), updated_at: db.fn.now() });
}

export async function recordDeliveryError(db: Db, id: string, error: string): Promise<void> {
  await db('deliveries')
    .where({ id })
    .update({ last_error: error.slice(0, 1000), updated_at: db.fn.now() });
}

export async function markDeliveryFailed(db: Db, id: string, error: string): Promise<void> {
  await db('deliveries')
    .where({ id })
    .whereNot({ status: 'done' })
    .update({ status: 'failed', last_error: error.slice(0, 1000), updated_at: db.fn.now() });
}

/** Rows that should be moving but were last touched before `olderThan` (their queue job may be lost). */
export async function listUnfinishedDeliveries(db: Db, olderThan: Date, limit: number): Promise<Delivery[]> {
  const rows = await db('deliveries')
    .whereIn('status', ['pending', 'sending'])
    .andWhere('updated_at', '<', olderThan.toISOString())
    .orderBy('updated_at')
    .limit(limit);
  return (rows as DbDeliveryRow[]).map(toDelivery);
}

export interface StaleDelivery {
  id: string;
  revision: number;
}

/**
 * Delivered campaign reports in editable channels whose campaign changed since (a late call, a
 * correction): each needs an edit in place to `revision`.
 */
export async function listStaleDeliveries(
  db: Db,
  channelKinds: readonly ChannelKind[],
  options: { accountId?: string; limit: number },
): Promise<StaleDelivery[]> {
  if (channelKinds.length === 0) return [];
  const query = db('deliveries as d')
    .join('campaigns as c', function joinCampaign() {
      this.on('c.account_id', '=', 'd.account_id').andOn('c.campaign_id', '=', 'd.report_ref');
    })
    .where('d.report_kind', 'campaign')
    .andWhere('d.status', 'done')
    .whereIn('d.channel_kind', channelKinds as ChannelKind[])
    // Behind its campaign, or a live message of a campaign that completed: it has to become the final report.
    .andWhere((stale) =>
      stale
        .whereRaw('c.revision > coalesce(d.delivered_revision, -1)')
        .orWhere((live) => live.where('d.live', true).andWhere('c.state', 'complete')),
    )
    .select('d.id', 'c.revision')
    .orderBy('d.id')
    .limit(options.limit);
  if (options.accountId) query.andWhere('d.account_id', options.accountId);
  const rows = (await query) as { id: string; revision: number }[];
  return rows.map((row) => ({ id: row.id, revision: toInt(row.revision) }));
}

/** A live message was posted or edited showing `calls` calls (null: not known, a post found after a crash). */
export async function markLiveShown(db: Db, id: string, calls: number | null, at: Date, edit?: number): Promise<void> {
  const query = db('deliveries').where({ id, live: true });
  if (edit !== undefined) query.andWhere('live_edits', edit);
  await query.update({
    live_calls: calls,
    live_edited_at: at.toISOString(),
    ...(edit !== undefined ? { live_edits: edit + 1 } : {}),
    updated_at: db.fn.now(),
  });
}

/** The message now shows the final report (or can no longer be edited): no more live edits. */
export async function endLive(db: Db, id: string): Promise<void> {
  await db('deliveries').where({ id, live: true }).update({ live: false, updated_at: db.fn.now() });
}

/**
 * The live rows of a running campaign: added where missing (an existing row, live or not, is left as it
 * is: it is already that destination's message of the campaign).
 */
export function insertLiveDeliveries(db: Db, rows: readonly PlannedDelivery[]): Promise<void> {
  return insertDeliveries(db, rows, { live: true });
}

/** The message a campaign's report (or live progress) has at one destination, for alerts to thread under. */
export async function findCampaignMessage(
  db: Db,
  accountId: string,
  campaignId: string,
  target: { channelKind: ChannelKind; workspaceId: string | null; destination: string },
): Promise<MessageRef | null> {
  const row = (await db('deliveries')
    .select('message_ref', 'message_container')
    .where({
      account_id: accountId,
      report_kind: 'campaign',
      report_ref: campaignId,
      channel_kind: target.channelKind,
      destination: target.destination,
    })
    .andWhere((q) =>
      target.workspaceId === null ? q.whereNull('workspace_id') : q.where('workspace_id', target.workspaceId),
    )
    .whereNotNull('message_ref')
    .first()) as { message_ref: string; message_container: string | null } | undefined;
  return row ? { id: row.message_ref, container: row.message_container } : null;
}
