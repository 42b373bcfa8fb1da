import express, { Express, NextFunction, Request, Response, Router } from 'express';
import { Logger } from 'pino';

/** Express's own 4xx messages quote the request (a path it cannot decode): never at length. */
const MAX_ECHOED_CHARS = 120;

function shortened(message: string): string {
  return message.length > MAX_ECHOED_CHARS ? `${message.slice(0, MAX_ECHOED_CHARS - 3)}...` : message;
}

/**
 * The one HTTP server: each surface (webhook, recording links, health, Slack, Teams, report pages) is a
 * router given by the composition root; this file only does transport concerns.
 */
export function createHttpApp(routers: Router[], logger: Logger): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', true);
  for (const router of routers) app.use(router);
  app.use((_req: Request, res: Response) => {
    res.status(404).json({ error: 'not found' });
  });
  app.use(
    (
      error: { status?: number; type?: string; message?: string },
      _req: Request,
      res: Response,
      _next: NextFunction,
    ) => {
      if (error.type === 'entity.too.large' || error.status === 413) {
        res.status(413).json({ error: 'the body is too large; send at most 5 MiB a request' });
        return;
      }
      if (error.status && error.status >= 400 && error.status < 500) {
        res.status(error.status).json({ error: shortened(error.message ?? 'bad request') });
        return;
      }
      logger.error({ err: error }, 'request failed');
      res.status(500).json({ error: 'internal error' });
    },
  );
  return app;
}
