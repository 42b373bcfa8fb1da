import { CampaignAggregates } from '../domain/campaign-overview';
import { TimelinePoint, UnmappedReason } from '../domain/report-model';
import { ReadingAt } from '../domain/campaign-state';
import { campaignCallAtSql } from './calls';
import { Campaign } from './campaigns';
import { Db, preparedAs } from './connection';
import { PreviousCampaign, PreviousCampaignRow, previousCampaignQuery, toPreviousCampaign } from './previous-campaign';
import { campaignAggregatesOf, campaignRollupColumns, resultCodeCallsSql } from './rollups';
import { jsonValue, toDate, toInt } from './sql-values';

/** What a campaign report reads about its campaign (docs/metrics.md), every part an indexed read of rollups or calls. */
export interface CampaignFacts {
  aggregates: CampaignAggregates;
  firstCallAt: Date | null;
  lastCallAt: Date | null;
  /** The voicebot's tariff currency; null when the bot has no tariff row. */
  botCurrency: string | null;
  timeline: TimelinePoint[];
  /** Reasons of the campaign's calls that no code map entry nor default covers (docs/connectors.md "Unmapped reasons"), most frequent first. */
  unmappedReasons: UnmappedReason[];
  /** The campaign it is compared with (docs/metrics.md "Comparisons"), as of the reading instant; null when none. */
  previous: PreviousCampaign | null;
}

/**
 * One round trip for all of them, the previous campaign and its figures included: every report, answer and
 * delivery reads these, and on a busy machine each statement costs more in PostgreSQL and in the kernel than
 * the reads themselves.
 */
export async function loadCampaignFacts(
  db: Db,
  accountId: string,
  campaign: { id: string; botId: string },
  at: ReadingAt,
): Promise<CampaignFacts> {
  const [facts] = await loadCampaignsFacts(db, [{ accountId, id: campaign.id, botId: campaign.botId }], at);
  return facts;
}

/**
 * The facts of several campaigns (a batch of deliveries) in that one statement, in the order given: each part
 * is the same indexed read per campaign, correlated with its row of the keys.
 */
export async function loadCampaignsFacts(
  db: Db,
  campaigns: readonly Pick<Campaign, 'accountId' | 'id' | 'botId'>[],
  at: ReadingAt,
): Promise<CampaignFacts[]> {
  if (campaigns.length === 0) return [];
  const previous = previousCampaignQuery(
    db,
    { accountId: 'k.account_id', campaignId: 'k.campaign_id', botId: 'k.bot_id' },
    at.now,
    at.windows,
  );
  const one = campaigns.length === 1;
  const unnested = 'unnest(:accounts::text[], :campaigns::text[], :bots::text[]) with ordinality';
  // One campaign (an answer, a report) says so: planning for an array of unknown length, PostgreSQL expects
  // 100 campaigns and would plan the statement again at every call rather than keep its generic plan.
  const keys = one
    ? `(select * from ${unnested} as u(account_id, campaign_id, bot_id, n) limit 1) as k`
    : `${unnested} as k(account_id, campaign_id, bot_id, n)`;
  const result = await db
    .raw(
      `select ${campaignRollupColumns('r')},
            ${resultCodeCallsSql('k.account_id', 'k.campaign_id')} as result_code_calls,
            ${campaignCallAtSql('first', 'k.account_id', 'k.campaign_id')} as first_call_at,
            ${campaignCallAtSql('last', 'k.account_id', 'k.campaign_id')} as last_call_at,
            (select currency from voicebots v where v.account_id = k.account_id and v.bot_id = k.bot_id) as bot_currency,
            (select coalesce(json_agg(json_build_array((extract(epoch from h.hour) * 1000)::bigint, h.calls, h.successful)
                                      order by h.hour), '[]'::json)
               from campaign_hourly h
              where h.account_id = k.account_id and h.campaign_id = k.campaign_id and h.calls > 0) as timeline,
            (select coalesce(json_agg(json_build_array(u.platform, u.reason, u.calls)
                                      order by u.calls desc, u.platform, u.reason), '[]'::json)
               from (select p.platform, p.reason, count(*) as calls
                       from connector_calls p join calls c on c.account_id = p.account_id and c.call_id = p.call_id
                      where p.account_id = k.account_id and p.unmapped and c.campaign_id = k.campaign_id
                      group by p.platform, p.reason) u) as unmapped_reasons,
            (select row_to_json(prev) from (:previous) prev) as previous
       from ${keys}
       left join campaign_rollups r on r.account_id = k.account_id and r.campaign_id = k.campaign_id
      order by k.n`,
      {
        accounts: campaigns.map((campaign) => campaign.accountId),
        campaigns: campaigns.map((campaign) => campaign.id),
        bots: campaigns.map((campaign) => campaign.botId),
        previous,
      },
    )
    .options(preparedAs(one ? 'campaign-facts-one' : 'campaign-facts'));
  return (result.rows as FactsRow[]).map(factsOfRow);
}

type FactsRow = Parameters<typeof campaignAggregatesOf>[0] & Record<string, unknown>;

function factsOfRow(row: FactsRow): CampaignFacts {
  return {
    aggregates: campaignAggregatesOf(row),
    firstCallAt: toDate(row.first_call_at),
    lastCallAt: toDate(row.last_call_at),
    botCurrency: (row.bot_currency as string | null) ?? null,
    timeline: jsonValue<Array<[unknown, unknown, unknown]>>(row.timeline).map(([hourMs, calls, successful]) => ({
      at: new Date(toInt(hourMs)).toISOString(),
      total: toInt(calls),
      successful: toInt(successful),
    })),
    unmappedReasons: jsonValue<Array<[string, string, unknown]>>(row.unmapped_reasons).map(
      ([platform, reason, calls]) => ({ platform, reason, calls: toInt(calls) }),
    ),
    previous: row.previous ? toPreviousCampaign(jsonValue<PreviousCampaignRow>(row.previous)) : null,
  };
}
