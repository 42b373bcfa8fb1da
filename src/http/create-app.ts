import express, { Express, NextFunction, Request, Response, Router } from 'express';
import { Logger } from 'pino';

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
        res.status(error.status).json({ error: error.message ?? 'bad request' });
        return;
      }
      logger.error({ err: error }, 'request failed');
      res.status(500).json({ error: 'internal error' });
    },
  );
  return app;
}
