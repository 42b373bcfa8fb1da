import { Subscription, SubscriptionOptions, SubscriptionPlatform, SubscriptionTarget } from '../domain/subscription';
import { Db } from './connection';

export interface DbSubscriptionRow {
  id: number | string;
  account_id: string;
  platform: SubscriptionPlatform;
  workspace_id: string | null;
  destination: string;
  target_kind: SubscriptionTarget['kind'];
  target_id: string;
  summaries: boolean;
  digest: boolean;
  live: boolean;
  alerts: boolean;
  created_by: string | null;
  status: 'active' | 'broken';
  broken_reason: string | null;
}

function toSubscription(row: DbSubscriptionRow): Subscription {
  return {
    id: Number(row.id),
    accountId: row.account_id,
    platform: row.platform,
    workspaceId: row.workspace_id,
    destination: row.destination,
    target: { kind: row.target_kind, id: row.target_id },
    summaries: row.summaries,
    digest: row.digest,
    live: row.live,
    alerts: row.alerts,
    createdBy: row.created_by,
    status: row.status,
    brokenReason: row.broken_reason,
  };
}

export interface SubscriptionInput extends SubscriptionOptions {
  accountId: string;
  platform: SubscriptionPlatform;
  workspaceId: string | null;
  destination: string;
  target: SubscriptionTarget;
  createdBy: string | null;
}

/** Creates the subscription or turns on what it asks for again; a broken one becomes active. */
export async function subscribe(db: Db, input: SubscriptionInput): Promise<Subscription> {
  const [row] = await db('subscriptions')
    .insert({
      account_id: input.accountId,
      platform: input.platform,
      workspace_id: input.workspaceId,
      destination: input.destination,
      target_kind: input.target.kind,
      target_id: input.target.id,
      summaries: input.summaries,
      digest: input.digest,
      live: input.live,
      alerts: input.alerts,
      created_by: input.createdBy,
    })
    .onConflict(['account_id', 'platform', 'destination', 'target_kind', 'target_id'])
    .merge({
      summaries: db.raw('subscriptions.summaries or excluded.summaries'),
      digest: db.raw('subscriptions.digest or excluded.digest'),
      live: db.raw('subscriptions.live or excluded.live'),
      alerts: db.raw('subscriptions.alerts or excluded.alerts'),
      status: 'active',
      broken_reason: null,
      created_by: db.raw('excluded.created_by'),
      updated_at: db.fn.now(),
    })
    .returning('*');
  return toSubscription(row as DbSubscriptionRow);
}

/** Removes a destination's subscription to a target; returns whether there was one. */
export async function unsubscribe(
  db: Db,
  accountId: string,
  platform: SubscriptionPlatform,
  destination: string,
  target: SubscriptionTarget,
): Promise<boolean> {
  const removed = await db('subscriptions')
    .where({ account_id: accountId, platform, destination, target_kind: target.kind, target_id: target.id })
    .delete();
  return removed > 0;
}

export async function listDestinationSubscriptions(
  db: Db,
  accountId: string,
  platform: SubscriptionPlatform,
  destination: string,
): Promise<Subscription[]> {
  const rows = await db('subscriptions').where({ account_id: accountId, platform, destination }).orderBy('id');
  return (rows as DbSubscriptionRow[]).map(toSubscription);
}

export async function listActiveSubscriptions(db: Db, accountId: string): Promise<Subscription[]> {
  const rows = await db('subscriptions').where({ account_id: accountId, status: 'active' }).orderBy('id');
  return (rows as DbSubscriptionRow[]).map(toSubscription);
}

export async function findSubscription(db: Db, id: number): Promise<Subscription | null> {
  const row = await db('subscriptions').where({ id }).first();
  return row ? toSubscription(row as DbSubscriptionRow) : null;
}

/** A destination that can never receive (channel gone, bot removed): stop sending, keep the reason. */
export async function markSubscriptionBroken(db: Db, id: number, reason: string): Promise<void> {
  await db('subscriptions').where({ id }).update({ status: 'broken', broken_reason: reason, updated_at: db.fn.now() });
}

/** Every subscription a chat workspace made for the account (its App Home lists them). */
export async function listWorkspaceSubscriptions(
  db: Db,
  accountId: string,
  platform: SubscriptionPlatform,
  workspaceId: string,
): Promise<Subscription[]> {
  const rows = await db('subscriptions')
    .where({ account_id: accountId, platform, workspace_id: workspaceId })
    .orderBy('id');
  return (rows as DbSubscriptionRow[]).map(toSubscription);
}
