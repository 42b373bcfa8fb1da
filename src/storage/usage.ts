import { BotUsage } from '../domain/usage';
import { Db } from './connection';
import { toInt } from './sql-values';

/** Usage per voicebot over [start, end), from the 15-minute buckets (never a scan of the calls). */
export async function loadBotUsage(
  db: Db,
  accountId: string,
  start: Date,
  end: Date,
  botId?: string,
): Promise<BotUsage[]> {
  const result = await db.raw(
    `select u.bot_id, coalesce(v.name, u.bot_id) as bot_name,
            sum(u.sessions) as sessions, sum(u.messages) as messages, sum(u.blocks) as blocks,
            sum(u.dialing_duration_ms) as dialing_duration_ms, sum(u.call_duration_ms) as call_duration_ms,
            sum(u.calls) as calls
     from bot_usage_buckets u
     left join voicebots v on v.account_id = u.account_id and v.bot_id = u.bot_id
     where u.account_id = ? and u.bucket_start >= ? and u.bucket_start < ? ${botId ? 'and u.bot_id = ?' : ''}
     group by u.bot_id, v.name
     having sum(u.calls) > 0
     order by u.bot_id`,
    [accountId, start.toISOString(), end.toISOString(), ...(botId ? [botId] : [])],
  );
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
