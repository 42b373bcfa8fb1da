import express, { Request, Response, Router } from 'express';
import { Logger } from 'pino';
import { InvalidInput } from '../domain/errors';
import { decryptSecret } from '../domain/secret-box';
import { Connector, ConnectorRequest } from '../ingest/connectors/connector';
import { CONNECTOR_PLATFORMS, findConnector } from '../ingest/connectors/connector-registry';
import { ingestPlatformCall } from '../ingest/connectors/ingest-platform-call';
import { MAX_REQUEST_BYTES } from '../ingest/ingest-request';
import { Db } from '../storage/connection';
import { loadConnectorSettings } from '../storage/connectors';

export interface ConnectorRouteDeps {
  db: Db;
  encryptionKey: Buffer | undefined;
  /** PUBLIC_BASE_URL: the URL Twilio signs is the public one, whatever proxy stands in front. */
  publicBaseUrl: string;
  logger: Logger;
  now?: () => Date;
  onIngested?: (accountId: string) => void;
}

function connectorRequest(req: Request, publicBaseUrl: string): ConnectorRequest {
  const query: Record<string, string> = {};
  for (const [key, value] of new URL(req.originalUrl, 'http://x').searchParams) if (!(key in query)) query[key] = value;
  return {
    rawBody: Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0),
    header: (name) => req.header(name),
    publicUrl: `${publicBaseUrl}${req.originalUrl}`,
    query,
  };
}

async function handle(deps: ConnectorRouteDeps, connector: Connector, req: Request, res: Response): Promise<void> {
  const now = deps.now?.() ?? new Date();
  const accountId = req.params.accountId as string;
  const settings = deps.encryptionKey ? await loadConnectorSettings(deps.db, accountId, connector.platform) : null;
  if (!settings || !deps.encryptionKey) {
    res.status(401).json({
      error: `no ${connector.platform} connector for this account; set it with npm run cli -- connector ${connector.platform} --account <account_id>`,
    });
    return;
  }
  const request = connectorRequest(req, deps.publicBaseUrl);
  const check = connector.verify(request, decryptSecret(settings.secretSealed, deps.encryptionKey), now);
  if (!check.ok) {
    res.status(401).json({ error: check.reason });
    return;
  }
  const read = connector.read(request, now);
  if (read.kind === 'ignored') {
    res.status(204).end();
    return;
  }
  if (read.kind === 'invalid') {
    res.status(400).json({ errors: read.problems.map((p) => ({ field: p.field, message: p.message })) });
    return;
  }
  try {
    const { unmappedReason, ...counts } = await ingestPlatformCall(deps.db, accountId, connector, settings, read.call, now);
    if (unmappedReason !== null) {
      deps.logger.warn(
        { accountId, platform: connector.platform, reason: unmappedReason, callId: read.call.callId },
        'platform reason has no result code mapping; stored and flagged (npm run cli -- code-map)',
      );
    }
    res.status(202).json(counts);
    deps.onIngested?.(accountId);
  } catch (error) {
    if (error instanceof InvalidInput) {
      res.status(400).json({ errors: error.problems.map((p) => ({ field: p.field, message: p.message })) });
      return;
    }
    deps.logger.error({ err: error, accountId, platform: connector.platform }, 'connector ingest failed');
    res.status(500).json({ error: 'the call could not be stored; nothing was stored, the platform may send it again' });
  }
}

/** POST /v1/connectors/<platform>/<account_id> (docs/connectors.md): each platform's own webhook, signed its own way. */
export function connectorRouter(deps: ConnectorRouteDeps): Router {
  const router = Router();
  const readBody = express.raw({ type: () => true, limit: MAX_REQUEST_BYTES });
  router.post('/v1/connectors/:platform/:accountId', readBody, (req, res, next) => {
    const connector = findConnector(req.params.platform as string);
    if (!connector) {
      res.status(404).json({ error: `no connector for "${req.params.platform}"; the platforms are ${CONNECTOR_PLATFORMS.join(', ')}` });
      return;
    }
    handle(deps, connector, req, res).catch(next);
  });
  return router;
}
