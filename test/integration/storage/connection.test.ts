import { createDb } from '../../../src/storage/connection';
import { TEST_DATABASE_URL } from '../../support/test-db';

describe('createDb on PostgreSQL', () => {
  it('turns JIT off in every session of its pool, whatever the URL carries', async () => {
    const withOptions = `${TEST_DATABASE_URL}?options=${encodeURIComponent('-c search_path=public')}`;
    for (const databaseUrl of [TEST_DATABASE_URL, withOptions]) {
      const db = createDb({ databaseUrl, poolMax: 2 });
      try {
        // Two sessions at once, so that the second is a connection of its own.
        const settings = await db.transaction(async (trx) => {
          const [inside, beside] = await Promise.all([trx.raw('show jit'), db.raw('show jit')]);
          return [inside.rows[0].jit, beside.rows[0].jit];
        });
        expect(settings).toEqual(['off', 'off']);
      } finally {
        await db.destroy();
      }
    }
  });

  it('plans a statement prepared under a name once per session, not at every call', async () => {
    const db = createDb({ databaseUrl: TEST_DATABASE_URL, poolMax: 1 });
    try {
      const client = (await db.client.acquireConnection()) as {
        query(config: { name: string; text: string; values: unknown[] }): Promise<unknown>;
      };
      try {
        for (const value of [1, 2, 3])
          await client.query({ name: 'plan-probe', text: 'select $1::int + 1', values: [value] });
      } finally {
        await db.client.releaseConnection(client);
      }
      const plans = await db.raw(
        `select generic_plans, custom_plans from pg_prepared_statements where name = 'plan-probe'`,
      );
      expect(plans.rows).toEqual([{ generic_plans: 3, custom_plans: 0 }]);
    } finally {
      await db.destroy();
    }
  });
});
