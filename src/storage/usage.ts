import { BotUsage } from '../domain/usage';
import { Db, preparedAs } from './connection';
import { USAGE_COUNTER_COLUMNS } from './rollups';
import { toInt } from './sql-values';

const DAY_MS = 86_400_000;

/**
 * Usage per voicebot over [start, end), never a scan of the calls: the whole UTC days inside from
 * bot_usage_days, the part-days at the ends (a month cut at the account's midnight) from the 15-minute
 * buckets, so that a month reads about 30 rows a bot whatever its calls and the account's history.
 */
export async function loadBotUsage(
  db: Db,
  accountId: string,
  start: Date,
  end: Date,
  botId?: string,
): Promise<BotUsage[]> {
  const firstDay = Math.ceil(start.getTime() / DAY_MS) * DAY_MS;
  const afterDays = Math.max(firstDay, Math.floor(end.getTime() / DAY_MS) * DAY_MS);
  // A range within one day has no whole day: its buckets are [start, end) entire.
  const [daysFrom, daysTo] = firstDay < afterDays ? [firstDay, afterDays] : [end.getTime(), end.getTime()];
  const iso = (ms: number) => new Date(ms).toISOString();
  const bot = botId ? 'and bot_id = :bot' : '';
  const sums = USAGE_COUNTER_COLUMNS.map((c) => `sum(${c}) as ${c}`).join(', ');
  // Sum first, then name the few bots: joining every row to its bot doubled the time.
  const result = await db
    .raw(
      `select u.bot_id, coalesce(v.name, u.bot_id) as bot_name, ${USAGE_COUNTER_COLUMNS.map((c) => `u.${c}`).join(', ')}
     from (select bot_id, ${sums}
           from (select bot_id, ${USAGE_COUNTER_COLUMNS.join(', ')} from bot_usage_days
                  where account_id = :account and day >= :daysFrom::date and day < :daysTo::date ${bot}
                 union all
                 select bot_id, ${USAGE_COUNTER_COLUMNS.join(', ')} from bot_usage_buckets
                  where account_id = :account ${bot}
                    and ((bucket_start >= :start and bucket_start < :daysFromAt)
                      or (bucket_start >= :daysToAt and bucket_start < :end))) as rows
           group by bot_id
           having sum(calls) > 0) as u
     left join voicebots v on v.account_id = :account and v.bot_id = u.bot_id
     order by u.bot_id`,
      {
        account: accountId,
        bot: botId ?? null,
        start: start.toISOString(),
        end: end.toISOString(),
        daysFrom: iso(daysFrom).slice(0, 10),
        daysTo: iso(daysTo).slice(0, 10),
        daysFromAt: iso(daysFrom),
        daysToAt: iso(daysTo),
      },
    )
    .options(preparedAs(botId ? 'bot-usage-of-one' : 'bot-usage'));
  return (result.rows as Record<string, unknown>[]).map((row) => ({
    botId: row.bot_id as string,
    botName: row.bot_name as string,
    sessions: toInt(row.sessions),
    messages: toInt(row.messages),
    blocks: toInt(row.blocks),
    dialingDurationMs: toInt(row.dialing_duration_ms),
    callDurationMs: toInt(row.call_duration_ms),
    totalCalls: toInt(row.calls),
  }));
}
