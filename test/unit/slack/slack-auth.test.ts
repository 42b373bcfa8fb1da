import { InstallProvider } from '@slack/oauth';
import { AUTHORIZE_BUDGET_MS, installationAuth, tokenAuth } from '../../../src/adapters/slack/slack-auth';
import { createLogger } from '../../../src/logger';

const logger = createLogger('silent', false);
const source = { teamId: 'T1', enterpriseId: undefined, isEnterpriseInstall: false } as const;

function installer(lookup: () => Promise<Record<string, unknown>>) {
  const calls: unknown[] = [];
  return { calls, provider: { authorize: (s: unknown) => (calls.push(s), lookup()) } as unknown as InstallProvider };
}

describe('tokenAuth', () => {
  it('answers from configuration, without calling Slack', async () => {
    const auth = tokenAuth({
      botToken: 'xoxb-1',
      botId: 'B1',
      botUserId: 'U1',
      apiUrl: 'http://127.0.0.1:9/api/',
      logger,
    });
    await expect(auth.authorize(source as never)).resolves.toEqual({
      botToken: 'xoxb-1',
      botId: 'B1',
      botUserId: 'U1',
    });
  });
});

describe('installationAuth', () => {
  it('asks the store once for concurrent requests of a workspace, and caches', async () => {
    const { calls, provider } = installer(async () => ({
      botToken: 'xoxb-a',
      botId: 'B',
      botUserId: 'U',
      teamId: 'T1',
    }));
    const auth = installationAuth({ installer: provider, apiUrl: 'http://127.0.0.1:9/api/', logger });
    const results = await Promise.all([
      auth.authorize(source as never),
      auth.authorize(source as never),
      auth.clientFor({ teamId: 'T1' }),
    ]);
    expect(results[0]).toMatchObject({ botToken: 'xoxb-a' });
    expect(await auth.authorize(source as never)).toMatchObject({ botToken: 'xoxb-a' });
    expect(calls).toHaveLength(1);
    auth.forget({ teamId: 'T1' });
    await auth.authorize(source as never);
    expect(calls).toHaveLength(2);
  });

  it('does not make Bolt wait for a slow store: the listener acks and gets its client later', async () => {
    let release: (v: Record<string, unknown>) => void = () => undefined;
    const { provider } = installer(() => new Promise((resolve) => (release = resolve)));
    const auth = installationAuth({ installer: provider, apiUrl: 'http://127.0.0.1:9/api/', logger });
    const started = Date.now();
    expect(await auth.authorize(source as never)).toEqual({ teamId: 'T1', enterpriseId: undefined });
    // The store never answers by itself: waiting for it would never end. The margin is for a loaded CI machine.
    expect(Date.now() - started).toBeLessThan(AUTHORIZE_BUDGET_MS + 1000);
    const client = auth.clientFor({ teamId: 'T1' });
    release({ botToken: 'xoxb-late' });
    expect((await client)?.token).toBe('xoxb-late');
  });

  it('never caches a rotating token close to expiry', async () => {
    const soon = Math.floor(Date.now() / 1000) + 60;
    const { calls, provider } = installer(async () => ({ botToken: 'xoxe.xoxb-a', botTokenExpiresAt: soon }));
    const auth = installationAuth({ installer: provider, apiUrl: 'http://127.0.0.1:9/api/', logger });
    await auth.authorize(source as never);
    await auth.authorize(source as never);
    expect(calls).toHaveLength(2);
  });

  it('gives no client for a workspace without an install', async () => {
    const { provider } = installer(async () => {
      throw new Error('no installation');
    });
    const auth = installationAuth({ installer: provider, apiUrl: 'http://127.0.0.1:9/api/', logger });
    expect(await auth.clientFor({ teamId: 'T404' })).toBeNull();
    expect(await auth.authorize(source as never)).toEqual({ teamId: 'T1', enterpriseId: undefined });
  });
});
