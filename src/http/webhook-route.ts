import { Request, Response, Router } from 'express';
import { Logger } from 'pino';
import { decryptSecret } from '../domain/secret-box';
import {
  SIGNATURE_SHAPE_REASON,
  SIGNATURE_STALE_REASON,
  SIGNATURE_TOLERANCE_SECONDS,
  isSignatureFresh,
  matchingSignature,
  readSignatureHeader,
} from '../domain/webhook-signature';
import { MAX_REQUEST_BYTES, ingestRequest } from '../ingest/ingest-request';
import { Account, findAccount } from '../storage/accounts';
import { Db } from '../storage/connection';
import { isDatabaseUnavailable } from '../storage/database-errors';
import { purgeSignedRequests } from '../storage/signed-requests';
import { DATABASE_UNAVAILABLE, sendIngestError } from './ingest-responses';
import {
  BodyBudget,
  DEFAULT_BODY_BUDGET_BYTES,
  answerUnread,
  declaredLength,
  readBodyWithinBudget,
} from './request-body';
import { erasureKeyFrom } from '../domain/forgotten-identifiers';

export interface WebhookDeps {
  db: Db;
  encryptionKey: Buffer | undefined;
  logger: Logger;
  now?: () => Date;
  /** Told which campaigns changed, e.g. to nudge the delivery jobs. */
  onIngested?: (accountId: string) => void;
  /** Bodies this process reads at once, shared with the other ingest routes (default: its own, DEFAULT_BODY_BUDGET_BYTES). */
  bodyBudget?: BodyBudget;
}

const PURGE_EVERY_MS = 60_000;

/** One answer for an unknown account and a wrong signature: the answer must not tell which account ids exist. */
const UNAUTHENTICATED = {
  error:
    'unknown account or wrong signature; send X-Voicebot-Account and sign "<t>.<raw body>" with that account\'s ingest secret',
};
const TOO_LARGE = { error: `the body is over ${MAX_REQUEST_BYTES} bytes; send at most 5 MiB a request` };
const BUSY = { error: `the server is reading many bodies at once; send the same request again in a second` };

/**
 * POST /v1/events (docs/webhook.md): signed, size-limited, all-or-nothing, 202 only after
 * commit, each signed request applied once. Everything that can be judged from the headers (size, account,
 * the signature's shape and age) is judged before the body is read.
 */
export function webhookRouter(deps: WebhookDeps): Router {
  const router = Router();
  const budget = deps.bodyBudget ?? new BodyBudget(DEFAULT_BODY_BUDGET_BYTES);
  let lastPurge = 0;
  const purgeNowAndThen = (now: Date) => {
    if (now.getTime() - lastPurge < PURGE_EVERY_MS) return;
    lastPurge = now.getTime();
    purgeSignedRequests(deps.db, now).catch((error) =>
      deps.logger.warn({ err: error }, 'purging old webhook signatures failed'),
    );
  };

  router.post('/v1/events', async (req: Request, res: Response) => {
    const now = deps.now?.() ?? new Date();
    const declared = declaredLength(req);
    if (declared !== null && declared > MAX_REQUEST_BYTES) return answerUnread(req, res, 413, TOO_LARGE);
    const signature = readSignatureHeader(req.header('x-voicebot-signature'));
    if (!signature) return answerUnread(req, res, 401, { error: SIGNATURE_SHAPE_REASON });
    if (!isSignatureFresh(signature, Math.floor(now.getTime() / 1000)))
      return answerUnread(req, res, 401, { error: SIGNATURE_STALE_REASON });

    const accountId = req.header('x-voicebot-account');
    let account: Account | null = null;
    try {
      account = accountId ? await findAccount(deps.db, accountId) : null;
    } catch (error) {
      if (!isDatabaseUnavailable(error)) throw error;
      deps.logger.warn({ err: error }, 'webhook: the database is not reachable');
      return answerUnread(
        req,
        res,
        DATABASE_UNAVAILABLE.status,
        DATABASE_UNAVAILABLE.body,
        DATABASE_UNAVAILABLE.headers,
      );
    }
    if (!account?.ingestSecretSealed || !deps.encryptionKey) return answerUnread(req, res, 401, UNAUTHENTICATED);

    const body = await readBodyWithinBudget(req, res, budget, MAX_REQUEST_BYTES, { tooLarge: TOO_LARGE, busy: BUSY });
    if (!body) return;

    const signed = matchingSignature(signature, decryptSecret(account.ingestSecretSealed, deps.encryptionKey), body);
    if (!signed) return void res.status(401).json(UNAUTHENTICATED);
    const replayableUntil = new Date((signature.timestamp + SIGNATURE_TOLERANCE_SECONDS) * 1000);
    try {
      const counts = await ingestRequest(
        deps.db,
        account.id,
        body,
        req.header('content-type') ?? '',
        now,
        {
          signature: signed,
          replayableUntil,
        },
        erasureKeyFrom(deps.encryptionKey),
      );
      res.status(202).json(counts);
      deps.onIngested?.(account.id);
      purgeNowAndThen(now);
    } catch (error) {
      sendIngestError(res, error, deps.logger, { accountId: account.id });
    }
  });
  return router;
}
