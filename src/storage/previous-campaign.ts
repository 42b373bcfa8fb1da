import { CampaignAggregates } from '../domain/campaign-overview';
import { CompletionWindows } from '../domain/campaign-state';
import { whereCompleteAt } from './complete-at';
import type { Knex } from 'knex';
import { Db } from './connection';
import { campaignAggregatesOf, campaignRollupColumns, resultCodeCallsSql } from './rollups';
import { toDate, toNullableInt } from './sql-values';

export interface PreviousCampaign {
  id: string;
  name: string;
  customersTotal: number | null;
  firstCallAt: Date;
  /** Its rollup and result codes, read in the same statement. */
  aggregates: CampaignAggregates;
}

/** Where the outer query holds the campaign compared: its columns, as SQL (`k.account_id`). */
export interface CampaignColumns {
  accountId: string;
  campaignId: string;
  botId: string;
}

/**
 * docs/metrics.md "Comparisons": the most recent other campaign of the bot that is complete at `now` and whose
 * first call is earlier than the campaign's own (none when it has no call yet); of two with the same first call, the
 * greater campaign id. First calls are kept on the campaign rows (refreshFirstCalls) and indexed by bot, so the search
 * reads the campaigns just before this one, not every campaign of the bot. The one found comes with its rollup.
 * A select of at most one row, correlated with the outer query's campaign (`of`), which reports read inside the
 * campaign's own facts statement (campaign-facts.ts).
 */
export function previousCampaignQuery(
  db: Db,
  of: CampaignColumns,
  now: Date,
  windows: CompletionWindows,
): Knex.QueryBuilder {
  // Walks the (account, bot, first call) index back from the campaign's own first call, in SQL at the
  // database's precision (microseconds), not a Date's; the first complete one is the answer.
  const candidates = db('campaigns as c')
    .select('c.account_id', 'c.campaign_id', 'c.name', 'c.customers_total', 'c.first_call_at')
    .where('c.account_id', db.ref(of.accountId))
    .andWhere('c.bot_id', db.ref(of.botId))
    .andWhereNot('c.campaign_id', db.ref(of.campaignId))
    .andWhereRaw(
      `c.first_call_at < (select first_call_at from campaigns where account_id = ${of.accountId} and campaign_id = ${of.campaignId})`,
    );
  const previous = whereCompleteAt(candidates, now, windows, { table: 'c' })
    .orderBy([
      { column: 'c.first_call_at', order: 'desc' },
      { column: 'c.campaign_id', order: 'desc' },
    ])
    .limit(1)
    .as('p');
  return db
    .select(
      'p.*',
      db.raw(
        `${campaignRollupColumns('r')}, ${resultCodeCallsSql('p.account_id', 'p.campaign_id')} as result_code_calls`,
      ),
    )
    .from(previous)
    .leftJoin('campaign_rollups as r', function joinRollup() {
      this.on('r.account_id', 'p.account_id').andOn('r.campaign_id', 'p.campaign_id');
    })
    .limit(1);
}

/** A row of previousCampaignQuery, as selected or as its row_to_json. */
export type PreviousCampaignRow = {
  campaign_id: string;
  name: string | null;
  customers_total: unknown;
  first_call_at: string | Date;
} & Parameters<typeof campaignAggregatesOf>[0];

export function toPreviousCampaign(row: PreviousCampaignRow): PreviousCampaign {
  return {
    id: row.campaign_id,
    name: row.name ?? row.campaign_id,
    customersTotal: toNullableInt(row.customers_total),
    firstCallAt: toDate(row.first_call_at) as Date,
    aggregates: campaignAggregatesOf(row),
  };
}
