import { LIVE_WINDOW_MS } from '../domain/live-progress';
import { Db, preparedAs } from './connection';
import { toInt } from './sql-values';

/** The pace window of a running campaign (domain/live-progress): its calls and the customers first called in it. */
export interface LiveWindowCounts {
  windowCalls: number;
  windowNewCustomers: number;
}

/**
 * One indexed read, bounded by the window, never the whole campaign: the latest `started_at` from the end
 * of the (account, campaign, started_at) index, the window's calls by range on it, and a customer counts
 * as first called in the window when all of its calls (campaign_customers.calls) fall in the window. Each
 * of the window's customers is looked up by key: joined, the planner read every customer of the campaign.
 * The latest instant is materialized: inlined, it was computed again for every call of a small campaign.
 */
export async function loadLiveWindow(db: Db, accountId: string, campaignId: string): Promise<LiveWindowCounts> {
  const result = await db
    .raw(
      `with latest as materialized (
       select max(started_at) as at from calls where account_id = ? and campaign_id = ?
     ), recent as (
       select c.customer_id, count(*) as n
       from calls c, latest
       where c.account_id = ? and c.campaign_id = ?
         and c.started_at > latest.at - make_interval(secs => ?) and c.started_at <= latest.at
       group by c.customer_id
     )
     select coalesce(sum(r.n), 0) as window_calls,
            count(*) filter (where coalesce((select k.calls from campaign_customers k
                                             where k.account_id = ? and k.campaign_id = ? and k.customer_id = r.customer_id),
                                            r.n) <= r.n) as window_new_customers
     from recent r`,
      [accountId, campaignId, accountId, campaignId, LIVE_WINDOW_MS / 1000, accountId, campaignId],
    )
    .options(preparedAs('live-window'));
  const row = (result.rows as { window_calls: unknown; window_new_customers: unknown }[])[0];
  return { windowCalls: toInt(row?.window_calls), windowNewCustomers: toInt(row?.window_new_customers) };
}
