import express, { Request, Response, Router } from 'express';
import { Activity, TurnContext } from 'botbuilder';
import { Logger } from 'pino';
import { refusalOf } from './teams-activity';
import { TeamsCloudAdapter, TeamsUnauthorized } from './teams-cloud-adapter';

export const TEAMS_MESSAGES_PATH = '/api/messages';
/** Activities are small; an Adaptive Card submit is the largest thing Teams sends us. */
export const MAX_ACTIVITY_BYTES = 1024 * 1024;

export interface TeamsRouterOptions {
  adapter: TeamsCloudAdapter;
  logic: (context: TurnContext) => Promise<void>;
  logger: Logger;
}

/** The activity as botbuilder wants it (what CloudAdapter.process does): an object with a type, dates as Date. */
export function toActivity(body: unknown): Activity | null {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return null;
  const activity = body as Activity & Record<string, unknown>;
  if (typeof activity.type !== 'string' || activity.type === '') return null;
  for (const [field, raw] of [
    ['timestamp', 'rawTimestamp'],
    ['localTimestamp', 'rawLocalTimestamp'],
    ['expiration', 'rawExpiration'],
  ] as const) {
    const value = activity[field];
    if (typeof value === 'string') {
      activity[raw] = value;
      activity[field] = new Date(value);
    }
  }
  return activity;
}

/**
 * POST /api/messages: authenticate (401 without a valid Bot Framework token), refuse what is not a
 * Teams activity of one tenant (403: nothing is stored or answered), then run the turn.
 */
export function teamsMessagesRouter(options: TeamsRouterOptions): Router {
  const { adapter, logic, logger } = options;
  const router = Router();
  router.post(TEAMS_MESSAGES_PATH, express.json({ limit: MAX_ACTIVITY_BYTES }), async (req: Request, res: Response) => {
    const activity = toActivity(req.body);
    if (!activity) {
      res.status(400).json({ error: 'the body must be a Bot Framework activity (JSON with a type)' });
      return;
    }
    let authenticated;
    try {
      authenticated = await adapter.authenticate(activity, req.headers.authorization ?? '');
    } catch (error) {
      if (error instanceof TeamsUnauthorized) {
        logger.warn(
          { reason: error.message, channelId: activity.channelId, serviceUrl: activity.serviceUrl },
          'teams request refused: no valid token',
        );
        res.status(401).json({ error: 'unauthorized' });
        return;
      }
      throw error;
    }
    const refusal = refusalOf(activity);
    if (refusal) {
      logger.warn(
        { reason: refusal, channelId: activity.channelId, serviceUrl: activity.serviceUrl },
        'teams activity refused',
      );
      res.status(403).json({ error: refusal });
      return;
    }
    const invokeResponse = await adapter.runTurn(authenticated, activity, logic);
    res.status(invokeResponse?.status ?? 200);
    if (invokeResponse?.body !== undefined) res.json(invokeResponse.body);
    else res.end();
  });
  return router;
}
