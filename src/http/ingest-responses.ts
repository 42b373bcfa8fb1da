import { Response } from 'express';
import { Logger } from 'pino';
import { InvalidInput } from '../domain/errors';
import { TooManyEvents } from '../ingest/ingest-request';
import { isDatabaseUnavailable, isRefusedValue } from '../storage/database-errors';

/**
 * The answers of every ingest route (the webhook, the connectors) to what can go wrong, one shape each
 * (docs/webhook.md): 400 lists the first problems and counts them all, 413 says the limit, 503 carries
 * Retry-After for senders to try again. Nothing here is a 500 unless it is our bug.
 */

/** Seconds a sender should wait before sending again after a 503. */
export const RETRY_AFTER_SECONDS = 5;

export const DATABASE_UNAVAILABLE = {
  status: 503,
  headers: { 'Retry-After': String(RETRY_AFTER_SECONDS) },
  body: {
    error: `the database is not reachable; nothing was stored, send the same request again in ${RETRY_AFTER_SECONDS} s`,
  },
};

export function invalidInputBody(error: InvalidInput): {
  errors: { index: number | null; field: string; message: string }[];
  errors_total: number;
} {
  return {
    errors: error.problems.map((p) => ({ index: p.index ?? null, field: p.field, message: p.message })),
    errors_total: error.problemsTotal,
  };
}

export function sendIngestError(res: Response, error: unknown, logger: Logger, context: Record<string, unknown>): void {
  if (error instanceof TooManyEvents) {
    res.status(413).json({ error: error.message });
  } else if (error instanceof InvalidInput) {
    res.status(400).json(invalidInputBody(error));
  } else if (isDatabaseUnavailable(error)) {
    logger.warn({ err: error, ...context }, 'ingest: the database is not reachable');
    res.status(DATABASE_UNAVAILABLE.status).set(DATABASE_UNAVAILABLE.headers).json(DATABASE_UNAVAILABLE.body);
  } else if (isRefusedValue(error)) {
    logger.warn({ err: error, ...context }, 'ingest: PostgreSQL refused a value the validator let through');
    res.status(400).json({
      errors: [
        {
          index: null,
          field: '(body)',
          message: `PostgreSQL cannot store a value of the request (${(error as Error).message.slice(0, 200)}); nothing was stored, correct it before sending again`,
        },
      ],
      errors_total: 1,
    });
  } else {
    logger.error({ err: error, ...context }, 'ingest failed');
    res.status(500).json({ error: 'internal error; nothing was stored, and the server log says why' });
  }
}
