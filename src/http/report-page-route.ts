import { Router } from 'express';
import { Logger } from 'pino';
import { NotFound } from '../domain/errors';
import { LinkSecrets } from '../domain/recording-token';
import { verifyReportPageToken } from '../domain/report-page-token';
import { buildFullReportPage } from '../adapters/email/full-report-page';
import { ReportDeps } from '../reports/report-context';

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

/** GET /reports/<signed token>: the full report page linked as "Open full report" from Slack and email. */
export function reportPageRouter(deps: ReportPageRouteDeps): Router {
  const router = Router();
  router.get('/reports/:token', async (req, res) => {
    res.setHeader('Cache-Control', 'private, no-store');
    res.setHeader('Referrer-Policy', 'no-referrer');
    res.setHeader('X-Content-Type-Options', 'nosniff');
    if (!deps.linkSecrets) {
      res.status(404).type('text/plain').send('Report pages are not enabled on this server.');
      return;
    }
    const nowSeconds = Math.floor((deps.now?.() ?? new Date()).getTime() / 1000);
    const check = verifyReportPageToken(req.params.token, deps.linkSecrets, nowSeconds);
    if (!check.ok) {
      if (check.reason === 'expired') res.status(410).type('text/plain').send('This report link has expired. Ask the bot for the report again.');
      else res.status(404).type('text/plain').send('No such report.');
      return;
    }
    try {
      const html = await buildFullReportPage(deps.reportDeps, check.claim.accountId, check.claim.campaignId);
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
