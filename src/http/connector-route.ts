import { Request, Response, Router } from 'express';
import { Logger } from 'pino';
import { InvalidInput } from '../domain/errors';
import { decryptSecret } from '../domain/secret-box';
import { Connector, ConnectorRequest, wrongSecretReason } from '../ingest/connectors/connector';
import { CONNECTOR_PLATFORMS, findConnector } from '../ingest/connectors/connector-registry';
import { ingestPlatformCall } from '../ingest/connectors/ingest-platform-call';
import { MAX_REQUEST_BYTES } from '../ingest/ingest-request';
import { Db } from '../storage/connection';
import { ConnectorSettings, loadConnectorSettings } from '../storage/connectors';
import { isDatabaseUnavailable } from '../storage/database-errors';
import { DATABASE_UNAVAILABLE, invalidInputBody, sendIngestError } from './ingest-responses';
import { BodyBudget, answerUnread, declaredLength, readBodyWithinBudget } from './request-body';
import { erasureKeyFrom } from '../domain/forgotten-identifiers';

export interface ConnectorRouteDeps {
  db: Db;
  encryptionKey: Buffer | undefined;
  /** PUBLIC_BASE_URL: the URL Twilio signs is the public one, whatever proxy stands in front. */
  publicBaseUrl: string;
  logger: Logger;
  now?: () => Date;
  onIngested?: (accountId: string) => void;
  /** Bodies this route reads at once (default: 12 bodies of the largest size). */
  bodyBudget?: BodyBudget;
}

const TOO_LARGE = { error: `the body is over ${MAX_REQUEST_BYTES} bytes; a platform's call report is far smaller` };
const BUSY = { error: 'the server is reading many bodies at once; send the same request again in a second' };

function connectorRequest(req: Request, rawBody: Buffer, publicBaseUrl: string): ConnectorRequest {
  const query: Record<string, string> = {};
  for (const [key, value] of new URL(req.originalUrl, 'http://x').searchParams) if (!(key in query)) query[key] = value;
  return { rawBody, header: (name) => req.header(name), publicUrl: `${publicBaseUrl}${req.originalUrl}`, query };
}

async function handle(
  deps: ConnectorRouteDeps,
  budget: BodyBudget,
  connector: Connector,
  req: Request,
  res: Response,
): Promise<void> {
  const now = deps.now?.() ?? new Date();
  const accountId = req.params.accountId as string;
  const declared = declaredLength(req);
  if (declared !== null && declared > MAX_REQUEST_BYTES) return answerUnread(req, res, 413, TOO_LARGE);
  let settings: ConnectorSettings | null = null;
  try {
    settings = deps.encryptionKey ? await loadConnectorSettings(deps.db, accountId, connector.platform) : null;
  } catch (error) {
    if (!isDatabaseUnavailable(error)) throw error;
    deps.logger.warn({ err: error }, 'connector: the database is not reachable');
    return answerUnread(req, res, DATABASE_UNAVAILABLE.status, DATABASE_UNAVAILABLE.body, DATABASE_UNAVAILABLE.headers);
  }
  if (!settings || !deps.encryptionKey) {
    return answerUnread(req, res, 401, { error: wrongSecretReason(connector) });
  }

  const body = await readBodyWithinBudget(req, res, budget, MAX_REQUEST_BYTES, { tooLarge: TOO_LARGE, busy: BUSY });
  if (body === null) return;

  const request = connectorRequest(req, body, deps.publicBaseUrl);
  const check = connector.verify(request, decryptSecret(settings.secretSealed, deps.encryptionKey), now);
  if (!check.ok) return void res.status(401).json({ error: check.reason });
  const read = connector.read(request, now);
  if (read.kind === 'ignored') return void res.status(204).end();
  if (read.kind === 'invalid')
    return void res
      .status(400)
      .json(invalidInputBody(new InvalidInput('the platform call cannot be read', read.problems)));
  try {
    const { unmappedReason, ...counts } = await ingestPlatformCall(
      deps.db,
      accountId,
      connector,
      settings,
      read.call,
      now,
      erasureKeyFrom(deps.encryptionKey),
    );
    if (unmappedReason !== null) {
      deps.logger.warn(
        { accountId, platform: connector.platform, reason: unmappedReason, callId: read.call.callId },
        'platform reason has no result code mapping; stored and flagged (npm run cli -- code-map)',
      );
    }
    res.status(202).json(counts);
    deps.onIngested?.(accountId);
  } catch (error) {
    sendIngestError(res, error, deps.logger, { accountId, platform: connector.platform });
  }
}

/** POST /v1/connectors/<platform>/<account_id> (docs/connectors.md): each platform's own webhook, signed its own way. */
export function connectorRouter(deps: ConnectorRouteDeps): Router {
  const router = Router();
  const budget = deps.bodyBudget ?? new BodyBudget(12 * MAX_REQUEST_BYTES);
  router.post('/v1/connectors/:platform/:accountId', (req, res, next) => {
    const connector = findConnector(req.params.platform as string);
    if (!connector) {
      return answerUnread(req, res, 404, {
        error: `no connector for "${req.params.platform}"; the platforms are ${CONNECTOR_PLATFORMS.join(', ')}`,
      });
    }
    handle(deps, budget, connector, req, res).catch(next);
  });
  return router;
}
