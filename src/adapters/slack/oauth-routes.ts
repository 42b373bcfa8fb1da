import { Router } from 'express';
import { CallbackOptions, Installation, InstallProvider, InstallURLOptions } from '@slack/oauth';
import { Logger } from 'pino';
import { howToLinkWorkspace } from '../../reports/chat-command-service';
import { escapeHtml } from '../../render/html-escape';

export const INSTALL_PATH = '/slack/install';
export const REDIRECT_PATH = '/slack/oauth_redirect';

function page(title: string, body: string): string {
  return `<!doctype html><html><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head><body><h1>${escapeHtml(title)}</h1>${body}</body></html>`;
}

/** Multi-workspace install: /slack/install sends the admin to Slack; /slack/oauth_redirect stores the install. */
export function oauthRoutes(installer: InstallProvider, installUrlOptions: InstallURLOptions, logger: Logger): Router {
  const router = Router();
  const callbackOptions: CallbackOptions = {
    success: (installation: Installation, _options, _req, res) => {
      const teamId = installation.team?.id ?? installation.enterprise?.id ?? '';
      logger.info({ teamId }, 'slack workspace installed');
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(
        page(
          'Campaign Report is installed',
          `<p>Workspace <code>${escapeHtml(teamId)}</code> is installed. Before it can see reports, link it to an account:</p>` +
            `<pre>${escapeHtml(howToLinkWorkspace('slack', teamId))}</pre><p>Then type <code>/campaign-report help</code> in Slack.</p>`,
        ),
      );
    },
    failure: (error, _options, _req, res) => {
      logger.warn({ code: error.code, message: error.message }, 'slack install failed');
      res.writeHead(400, { 'content-type': 'text/html; charset=utf-8' });
      res.end(
        page(
          'Installation failed',
          `<p>${escapeHtml(error.message)}</p><p><a href="${INSTALL_PATH}">Try again</a>.</p>`,
        ),
      );
    },
  };
  router.get(INSTALL_PATH, async (req, res, next) => {
    try {
      await installer.handleInstallPath(req, res, {}, installUrlOptions);
    } catch (error) {
      next(error);
    }
  });
  router.get(REDIRECT_PATH, async (req, res, next) => {
    try {
      await installer.handleCallback(req, res, callbackOptions);
    } catch (error) {
      next(error);
    }
  });
  return router;
}
