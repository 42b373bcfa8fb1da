import type { Knex } from 'knex';
import { Db } from './connection';

/** One SQL statement with its bindings, not yet sent. */
export interface Statement {
  sql: string;
  bindings: Knex.RawBinding[];
}

/**
 * Runs data-changing statements as one, each a WITH clause: a single round trip. Used for the rows that
 * concurrent batches share, which stay locked from their first update until commit: with one statement
 * they are not held while this process's event loop is busy elsewhere between round trips. PostgreSQL runs
 * the clauses in an order of its own (last first, today), but the same for every call with the same list,
 * so concurrent callers lock tables in the same order. Foreign keys are checked at the end of the statement.
 */
export async function runAsOneStatement(db: Db, statements: Statement[]): Promise<void> {
  if (statements.length === 0) return;
  const clauses = statements.map((statement, index) => `s${index} as (${statement.sql})`);
  await db.raw(
    `with ${clauses.join(',\n')} select 1`,
    statements.flatMap((statement) => statement.bindings),
  );
}
