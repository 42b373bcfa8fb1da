import express, { Router } from 'express';
import { Logger } from 'pino';
import { InvalidInput } from '../domain/errors';
import { decryptSecret } from '../domain/secret-box';
import { verifyWebhookSignature } from '../domain/webhook-signature';
import { MAX_REQUEST_BYTES, TooManyEvents, ingestRequest } from '../ingest/ingest-request';
import { findAccount } from '../storage/accounts';
import { Db } from '../storage/connection';

export interface WebhookDeps {
  db: Db;
  encryptionKey: Buffer | undefined;
  logger: Logger;
  now?: () => Date;
  /** Told which campaigns changed, e.g. to nudge the delivery jobs. */
  onIngested?: (accountId: string) => void;
}

/** POST /v1/events (interfaces.md §1): signed, size-limited, all-or-nothing, 202 only after commit. */
export function webhookRouter(deps: WebhookDeps): Router {
  const router = Router();
  const readBody = express.raw({ type: () => true, limit: MAX_REQUEST_BYTES });
  router.post('/v1/events', (req, res, next) => {
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > MAX_REQUEST_BYTES) {
      res.status(413).json({ error: `the body is over ${MAX_REQUEST_BYTES} bytes; send at most 5 MiB a request` });
      req.destroy();
      return;
    }
    readBody(req, res, next);
  });
  router.post('/v1/events', async (req, res) => {
    const now = deps.now?.() ?? new Date();
    const accountId = req.header('x-voicebot-account');
    const body: Buffer = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    const account = accountId ? await findAccount(deps.db, accountId) : null;
    if (!account || !account.ingestSecretSealed || !deps.encryptionKey) {
      res.status(401).json({ error: 'unknown account or no ingest secret; send X-Voicebot-Account and sign with its ingest secret' });
      return;
    }
    const secret = decryptSecret(account.ingestSecretSealed, deps.encryptionKey);
    const check = verifyWebhookSignature(req.header('x-voicebot-signature'), secret, body, Math.floor(now.getTime() / 1000));
    if (!check.ok) {
      res.status(401).json({ error: check.reason });
      return;
    }
    try {
      const counts = await ingestRequest(deps.db, account.id, body, req.header('content-type') ?? '', now);
      res.status(202).json(counts);
      deps.onIngested?.(account.id);
    } catch (error) {
      if (error instanceof TooManyEvents) {
        res.status(413).json({ error: error.message });
      } else if (error instanceof InvalidInput) {
        res.status(400).json({
          errors: error.problems.map((p) => ({ index: p.index ?? null, field: p.field, message: p.message })),
        });
      } else {
        deps.logger.error({ err: error, accountId: account.id }, 'webhook ingest failed');
        res.status(500).json({ error: 'the events could not be stored; nothing was stored, send them again' });
      }
    }
  });
  return router;
}
