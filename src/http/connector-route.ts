import { Request, Response, Router } from 'express';
import { Logger } from 'pino';
import { isAccountId } from '../domain/account-id';
import { InvalidInput } from '../domain/errors';
import { decryptSecret } from '../domain/secret-box';
import { Connector, ConnectorRequest, wrongSecretReason } from '../ingest/connectors/connector';
import { CONNECTOR_PLATFORMS, findConnector } from '../ingest/connectors/connector-registry';
import { ingestPlatformCall } from '../ingest/connectors/ingest-platform-call';
import { describe } from '../ingest/field-rules';
import { MAX_REQUEST_BYTES } from '../ingest/ingest-request';
import { Db } from '../storage/connection';
import { ConnectorSettings, loadConnectorSettings } from '../storage/connectors';
import { isDatabaseUnavailable } from '../storage/database-errors';
import { DATABASE_UNAVAILABLE, invalidInputBody, sendIngestError } from './ingest-responses';
import { RefusalLog } from './refusal-log';
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
  /** How often refused requests may be told to the log (default once a minute). */
  refusalLogEveryMs?: number;
}

const TOO_LARGE = { error: `the body is over ${MAX_REQUEST_BYTES} bytes; a platform's call report is far smaller` };
const BUSY = { error: 'the server is reading many bodies at once; send the same request again in a second' };

function connectorRequest(req: Request, rawBody: Buffer, publicBaseUrl: string): ConnectorRequest {
  const query: Record<string, string> = {};
  for (const [key, value] of new URL(req.originalUrl, 'http://x').searchParams) if (!(key in query)) query[key] = value;
  return { rawBody, header: (name) => req.header(name), publicUrl: `${publicBaseUrl}${req.originalUrl}`, query };
}

/** A path segment as sent, percent-decoded; null when its escapes are not UTF-8. */
function decodeSegment(segment: string): string | null {
  try {
    return decodeURIComponent(segment);
  } catch {
    return null;
  }
}

async function handle(
  deps: ConnectorRouteDeps,
  budget: BodyBudget,
  refusals: RefusalLog,
  connector: Connector,
  accountId: string | null,
  req: Request,
  res: Response,
): Promise<void> {
  const now = deps.now?.() ?? new Date();
  const declared = declaredLength(req);
  if (declared !== null && declared > MAX_REQUEST_BYTES) return answerUnread(req, res, 413, TOO_LARGE);
  // An id no account can have is answered as an unknown account, without a query (a NUL would fail one).
  const knownShape = accountId !== null && isAccountId(accountId);
  let settings: ConnectorSettings | null = null;
  try {
    settings =
      knownShape && deps.encryptionKey ? await loadConnectorSettings(deps.db, accountId, connector.platform) : null;
  } catch (error) {
    if (!isDatabaseUnavailable(error)) throw error;
    deps.logger.warn({ err: error }, 'connector: the database is not reachable');
    return answerUnread(req, res, DATABASE_UNAVAILABLE.status, DATABASE_UNAVAILABLE.body, DATABASE_UNAVAILABLE.headers);
  }
  if (!settings || !deps.encryptionKey || accountId === null) {
    refusals.note(401, knownShape ? 'unknown account or no connector' : 'not an account id');
    return answerUnread(req, res, 401, { error: wrongSecretReason(connector) });
  }

  const body = await readBodyWithinBudget(req, res, budget, MAX_REQUEST_BYTES, { tooLarge: TOO_LARGE, busy: BUSY });
  if (body === null) return;

  const request = connectorRequest(req, body, deps.publicBaseUrl);
  const check = connector.verify(request, decryptSecret(settings.secretSealed, deps.encryptionKey), now);
  if (!check.ok) {
    refusals.note(401, 'wrong or missing signature');
    return void res.status(401).json({ error: check.reason });
  }
  const read = connector.read(request, now);
  if (read.kind === 'ignored') return void res.status(204).end();
  if (read.kind === 'invalid') {
    refusals.note(400, 'unreadable call');
    return void res
      .status(400)
      .json(invalidInputBody(new InvalidInput('the platform call cannot be read', read.problems)));
  }
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
    if (error instanceof InvalidInput) refusals.note(400, 'call not storable');
    sendIngestError(res, error, deps.logger, { accountId, platform: connector.platform });
  }
}

/**
 * Both segments are read here rather than by Express, whose decoding of a bad escape (`%ZZ`) would answer
 * before the route could judge the account id, and echo the segment whole.
 */
export const CONNECTOR_PATH = /^\/v1\/connectors\/[^/]+\/[^/]+\/?$/i;

/** POST /v1/connectors/<platform>/<account_id> (docs/connectors.md): each platform's own webhook, signed its own way. */
export function connectorRouter(deps: ConnectorRouteDeps): Router {
  const router = Router();
  const budget = deps.bodyBudget ?? new BodyBudget(12 * MAX_REQUEST_BYTES);
  const refusals = new RefusalLog(deps.logger, 'connector', deps.refusalLogEveryMs);
  router.post(CONNECTOR_PATH, (req, res, next) => {
    const [platformSegment, accountSegment] = req.path.split('/').slice(3);
    const platform = decodeSegment(platformSegment) ?? platformSegment;
    const connector = findConnector(platform);
    if (!connector) {
      refusals.note(404, 'unknown platform');
      return answerUnread(req, res, 404, {
        error: `no connector for ${describe(platform)}; the platforms are ${CONNECTOR_PLATFORMS.join(', ')}`,
      });
    }
    handle(deps, budget, refusals, connector, decodeSegment(accountSegment), req, res).catch(next);
  });
  return router;
}
