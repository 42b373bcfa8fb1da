import { once } from 'node:events';
import { Request, Response, Router } from 'express';
import { Logger } from 'pino';
import { NotFound } from '../domain/errors';
import { LinkSecrets } from '../domain/recording-token';
import { ReportPageClaim, verifyReportPageToken } from '../domain/report-page-token';
import { buildFullReportPage } from '../adapters/email/full-report-page';
import { campaignCallPages } from '../reports/calls-report';
import { ReportDeps } from '../reports/report-context';
import { callsCsvFilename, renderCallsCsvPages } from '../render/csv/calls';
import { findAccount } from '../storage/accounts';
import { findCampaign } from '../storage/campaigns';

export interface ReportPageRouteDeps {
  reportDeps: ReportDeps;
  /** The link secrets (RECORDING_LINK_SECRET or derived from APP_ENCRYPTION_KEY, and the previous one); undefined: pages off. */
  linkSecrets: LinkSecrets | undefined;
  logger: Logger;
  now?: () => Date;
}

/** Only our own inline styles, data: charts and the recordings' audio; nothing else loads. */
const CONTENT_SECURITY_POLICY =
  "default-src 'none'; img-src data:; style-src 'unsafe-inline'; media-src *; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/**
 * GET /reports/<signed token>: the full report page linked as "Open full report" from Slack and email;
 * GET /reports/<same token>.csv: every call of that campaign as CSV, streamed (the page links it).
 */
export function reportPageRouter(deps: ReportPageRouteDeps): Router {
  const router = Router();

  /** The claim of a valid token; otherwise the answer is sent and null returned. */
  function checkToken(req: Request, res: Response): ReportPageClaim | null {
    res.setHeader('Cache-Control', 'private, no-store');
    res.setHeader('Referrer-Policy', 'no-referrer');
    res.setHeader('X-Content-Type-Options', 'nosniff');
    if (!deps.linkSecrets) {
      res.status(404).type('text/plain').send('Report pages are not enabled on this server.');
      return null;
    }
    const nowSeconds = Math.floor((deps.now?.() ?? new Date()).getTime() / 1000);
    const check = verifyReportPageToken(String(req.params.token), deps.linkSecrets, nowSeconds);
    if (!check.ok) {
      if (check.reason === 'expired')
        res.status(410).type('text/plain').send('This report link has expired. Ask the bot for the report again.');
      else res.status(404).type('text/plain').send('No such report.');
      return null;
    }
    return check.claim;
  }

  // Before /reports/:token, which would take "<token>.csv" for a token.
  router.get('/reports/:token.csv', async (req, res) => {
    const claim = checkToken(req, res);
    if (!claim) return;
    const { db } = deps.reportDeps;
    const [account, campaign] = await Promise.all([
      findAccount(db, claim.accountId),
      findCampaign(db, claim.accountId, claim.campaignId),
    ]);
    if (!account || !campaign) {
      res.status(404).type('text/plain').send('This campaign no longer exists.');
      return;
    }
    res.status(200).type('text/csv; charset=utf-8');
    res.setHeader('Content-Disposition', `attachment; filename="${callsCsvFilename(campaign.id)}"`);
    try {
      for await (const { csv } of renderCallsCsvPages(
        campaignCallPages(deps.reportDeps, claim.accountId, campaign.id, {}),
        account,
      )) {
        if (!res.write(csv)) await once(res, 'drain');
      }
      res.end();
    } catch (error) {
      deps.logger.error({ err: (error as Error).message }, 'streaming a calls CSV failed');
      res.destroy(error as Error); // a cut-off download, never a CSV that looks complete
    }
  });

  router.get('/reports/:token', async (req, res) => {
    const claim = checkToken(req, res);
    if (!claim) return;
    try {
      const csvUrl = `/reports/${String(req.params.token)}.csv`;
      const html = await buildFullReportPage(deps.reportDeps, claim.accountId, claim.campaignId, { csvUrl });
      res.setHeader('Content-Security-Policy', CONTENT_SECURITY_POLICY);
      res.status(200).type('text/html; charset=utf-8').send(html);
    } catch (error) {
      if (error instanceof NotFound) {
        res.status(404).type('text/plain').send('This campaign no longer exists.');
        return;
      }
      deps.logger.error({ err: (error as Error).message }, 'rendering a report page failed');
      res.status(500).type('text/plain').send('The report could not be rendered; try again in a minute.');
    }
  });
  return router;
}
