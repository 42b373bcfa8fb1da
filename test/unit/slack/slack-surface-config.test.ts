import { loadConfig } from '../../../src/config';
import { createLogger } from '../../../src/logger';
import { Db } from '../../../src/storage/connection';
import { createSlackSurface } from '../../../src/adapters/slack/slack-surface';

const logger = createLogger('silent', false);
const db = {} as Db; // nothing is read while the surface is built
const base = {
  SLACK_SIGNING_SECRET: 's',
  SLACK_BOT_ID: 'B1',
  SLACK_BOT_USER_ID: 'U1',
  SLACK_API_URL: 'http://127.0.0.1:9/api/',
};
const routes = (router: { stack: Array<{ route?: { path: string }; name?: string }> }) =>
  router.stack.map((layer) => layer.route?.path ?? layer.name);

describe('createSlackSurface', () => {
  it('is off without a bot token or OAuth settings', () => {
    expect(createSlackSurface({ config: loadConfig({}), db, logger })).toBeNull();
  });

  it('serves /slack/events in one-workspace mode', () => {
    const surface = createSlackSurface({ config: loadConfig({ ...base, SLACK_BOT_TOKEN: 'xoxb-1' }), db, logger });
    expect(surface).toMatchObject({ mode: 'token', socketMode: false });
    expect(routes(surface!.router as never)).toContain('/slack/events');
    expect(routes(surface!.router as never)).not.toContain('/slack/install');
  });

  it('adds the install routes in OAuth mode', () => {
    const config = loadConfig({
      ...base,
      SLACK_CLIENT_ID: '1.2',
      SLACK_CLIENT_SECRET: 'c',
      SLACK_STATE_SECRET: 'st',
      APP_ENCRYPTION_KEY: Buffer.alloc(32).toString('base64'),
    });
    const surface = createSlackSurface({ config, db, logger });
    expect(surface?.mode).toBe('oauth');
    expect(JSON.stringify(routes(surface!.router as never))).toContain('router');
  });

  it('uses Socket Mode when SLACK_APP_TOKEN is set, without an HTTP endpoint for events', () => {
    const surface = createSlackSurface({
      config: loadConfig({ ...base, SLACK_BOT_TOKEN: 'xoxb-1', SLACK_APP_TOKEN: 'xapp-1' }),
      db,
      logger,
    });
    expect(surface).toMatchObject({ mode: 'token', socketMode: true });
    expect(routes(surface!.router as never)).not.toContain('/slack/events');
  });
});
