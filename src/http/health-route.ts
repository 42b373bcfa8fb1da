import { Router } from 'express';
import { Db, checkDb } from '../storage/connection';

/** GET /healthz: 200 when the database answers, 503 otherwise. */
export function healthRouter(db: Db): Router {
  const router = Router();
  router.get('/healthz', async (_req, res) => {
    try {
      await checkDb(db);
      res.json({ ok: true, database: 'ok' });
    } catch {
      res.status(503).json({ ok: false, database: 'unreachable' });
    }
  });
  return router;
}
