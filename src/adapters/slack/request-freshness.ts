import { NextFunction, Request, Response } from 'express';

/** docs/security.md / Slack's advice: a request signed more than 5 minutes from now, either way, is a replay. */
export const MAX_REQUEST_SKEW_SECONDS = 300;

/**
 * Bolt's signature check refuses stale timestamps but accepts any timestamp in the future, so this runs
 * in front of it and refuses both with 401 before the body is read.
 */
export function rejectSkewedSlackTimestamps(now: () => number = Date.now) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const header = req.headers['x-slack-request-timestamp'];
    const timestamp = Number(Array.isArray(header) ? header[0] : header);
    const skew = Math.abs(Math.floor(now() / 1000) - timestamp);
    if (!Number.isFinite(timestamp) || skew > MAX_REQUEST_SKEW_SECONDS) {
      res.status(401).type('text/plain').send('The Slack request timestamp is missing or more than 5 minutes off.');
      return;
    }
    next();
  };
}
