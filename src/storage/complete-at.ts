import type { Knex } from 'knex';
import { CompletionWindows } from '../domain/campaign-state';

/**
 * The campaigns rows that are complete at `now` by docs/metrics.md "Campaign completion", as a where clause
 * (domain/campaign-state's isCompleteAt, in SQL): recorded complete, or the completion event and no call for
 * the settle window, or no call for the idle timeout. `table` is the campaigns table's name or alias.
 */
export function whereCompleteAt(
  query: Knex.QueryBuilder,
  now: Date,
  windows: CompletionWindows,
  options: { table?: string; includeRecorded?: boolean } = {},
): Knex.QueryBuilder {
  const column = (name: string) => (options.table ? `${options.table}.${name}` : name);
  const settleBefore = new Date(now.getTime() - windows.settleMs).toISOString();
  const idleBefore = new Date(now.getTime() - windows.idleTimeoutMs).toISOString();
  return query.where((q) => {
    if (options.includeRecorded !== false) q.orWhere(column('state'), 'complete');
    q.orWhere((event) =>
      event
        .whereNotNull(column('completed_event_received_at'))
        .andWhere(column('completed_event_received_at'), '<=', settleBefore)
        .andWhere((quiet) =>
          quiet.whereNull(column('last_received_at')).orWhere(column('last_received_at'), '<=', settleBefore),
        ),
    ).orWhere((idle) =>
      idle.whereNull(column('completed_event_received_at')).andWhere(column('last_received_at'), '<=', idleBefore),
    );
  });
}
