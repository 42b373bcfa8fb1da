import { Db } from '../../src/storage/connection';
import { nowMs } from './stats';

/** Sums wall time per SQL statement shape (first words of the statement), from knex's query events. */
export function trackSqlTime(db: Db): () => { statement: string; calls: number; totalMs: number }[] {
  const started = new Map<string, number>();
  const totals = new Map<string, { calls: number; totalMs: number }>();
  const shape = (sql: string) => sql.replace(/\s+/g, ' ').trim().slice(0, 70);
  db.on('query', (q: { __knexQueryUid: string }) => started.set(q.__knexQueryUid, nowMs()));
  const done = (_: unknown, q: { __knexQueryUid: string; sql: string }) => {
    const start = started.get(q.__knexQueryUid);
    if (start === undefined) return;
    started.delete(q.__knexQueryUid);
    const entry = totals.get(shape(q.sql)) ?? { calls: 0, totalMs: 0 };
    entry.calls += 1;
    entry.totalMs += nowMs() - start;
    totals.set(shape(q.sql), entry);
  };
  db.on('query-response', done);
  db.on('query-error', done);
  return () => [...totals].map(([statement, t]) => ({ statement, ...t })).sort((a, b) => b.totalMs - a.totalMs);
}
