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
});
