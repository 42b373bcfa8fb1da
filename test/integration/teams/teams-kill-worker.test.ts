import { enqueueFanOut } from '../../../src/jobs/enqueue';
import { JobQueues, createJobQueues } from '../../../src/jobs/job-queues';
import { jobSettings } from '../../../src/jobs/job-settings';
import { completeDueCampaigns } from '../../../src/storage/completion';
import { subscribe } from '../../../src/storage/subscriptions';
import { saveTeamsConversation } from '../../../src/storage/teams-conversations';
import { startFakeBotConnector, FakeBotConnector } from '../../support/fakes/fake-bot-connector';
import { createTestDb, TestDb } from '../../support/test-db';
import {
  FAST_SETTINGS,
  LINK_SECRET,
  TEST_REDIS_URL,
  callEvents,
  clearQueuePrefix,
  completionEvent,
  ingestEvents,
  ledger,
  testLogger,
  uniquePrefix,
  waitUntil,
} from '../delivery/support/delivery-env';
import { BOT, TENANT, cardOf, cardTexts } from './support/teams-harness';
import { TeamsWorkerChild, spawnTeamsWorker } from './support/teams-child';
import { TeamsChildSpec } from './support/teams-worker-child';

/**
 * kill -9 of a Teams delivery worker at a random moment, again and again. No subscribed conversation
 * ever misses a summary. A second copy can only come from a kill inside the one window the Bot
 * Connector API cannot heal (after the ledger's "sending", before it stored the activity id: Teams has
 * no history to search); a delivery that was done before the kill is never posted again.
 */
const TRIALS = Number(process.env.TEAMS_FAULT_TRIALS ?? 8);
const KILL_SETTINGS = { ...FAST_SETTINGS, lockDurationMs: 1_000, stalledIntervalMs: 500, channelIntervalMs: 0 };
const CONVERSATIONS = ['19:kill-a@thread.tacv2', '19:kill-b@thread.tacv2'];

describe('kill -9 of a worker delivering to Teams', () => {
  let t: TestDb;
  let connector: FakeBotConnector;
  let queues: JobQueues;
  let child: TeamsWorkerChild | null = null;
  let spec: TeamsChildSpec;
  const prefix = uniquePrefix('teams-kill');
  const seen = { trials: 0, killsDuringDelivery: 0, secondCopies: 0 };

  beforeAll(async () => {
    t = await createTestDb();
    connector = await startFakeBotConnector();
    for (const key of CONVERSATIONS) {
      await saveTeamsConversation(t.db, {
        key,
        tenantId: TENANT,
        channelId: 'msteams',
        serviceUrl: connector.url,
        conversationType: 'channel',
        reference: {
          bot: BOT,
          user: { id: '29:lan', aadObjectId: 'aad-lan' },
          conversation: { id: key, tenantId: TENANT },
          channelId: 'msteams',
          serviceUrl: connector.url,
        },
      });
      await subscribe(t.db, {
        accountId: 'default',
        platform: 'teams',
        workspaceId: TENANT,
        destination: key,
        target: { kind: 'all', id: '' },
        summaries: true,
        digest: false,
        live: false,
        alerts: false,
        createdBy: 'aad-lan',
      });
    }
    spec = {
      env: {
        DATABASE_URL: t.url,
        REDIS_URL: TEST_REDIS_URL,
        QUICKCHART_BASE_URL: 'https://quickchart.example.com',
        RECORDING_LINK_SECRET: LINK_SECRET,
        PUBLIC_BASE_URL: 'http://reports.test',
        LOG_LEVEL: 'silent',
      },
      prefix,
      settings: KILL_SETTINGS,
    };
    queues = createJobQueues({
      redisUrl: TEST_REDIS_URL,
      prefix,
      role: 'worker',
      settings: jobSettings(KILL_SETTINGS),
      logger: testLogger,
    });
  }, 30_000);
  afterAll(async () => {
    await child?.kill9();
    await queues?.close();
    await clearQueuePrefix(prefix);
    await connector?.close();
    await t?.drop();
    process.stdout.write(`teams kill -9: ${JSON.stringify(seen)}\n`);
  }, 30_000);

  /** Posts of one campaign's summary in one conversation, as the fake received them. */
  const postsOf = (conversation: string, campaignName: string) =>
    connector.activities(conversation).filter((a) => cardTexts(cardOf(a.activity)).includes(campaignName));

  async function trial(n: number, killWithinMs: number): Promise<number> {
    const campaignId = `teams-kill-${n}`;
    const name = `Campaign ${campaignId}`;
    const shape = { campaignId, calls: 4 };
    await ingestEvents(
      t.db,
      'default',
      [...callEvents(shape), completionEvent(shape)],
      new Date(Date.now() - 3_600_000),
    );
    child ??= await spawnTeamsWorker(spec);
    const started = Date.now();
    expect(
      (await completeDueCampaigns(t.db, new Date(), { settleMs: 1_000, idleTimeoutMs: 3_600_000 })).map(
        (c) => c.campaignId,
      ),
    ).toEqual([campaignId]);
    await enqueueFanOut(queues, 'default', campaignId);

    let doneBeforeKill = new Set<string>();
    if (killWithinMs > 0) {
      await new Promise((resolve) => setTimeout(resolve, Math.random() * killWithinMs));
      const rows = (await ledger(t.db)).filter((r) => r.report_ref === campaignId);
      doneBeforeKill = new Set(rows.filter((r) => r.status === 'done').map((r) => r.destination));
      if (rows.length < CONVERSATIONS.length || doneBeforeKill.size < CONVERSATIONS.length)
        seen.killsDuringDelivery += 1;
      await child.kill9();
      child = await spawnTeamsWorker(spec);
    }
    await waitUntil(
      async () => {
        const rows = (await ledger(t.db)).filter((r) => r.report_ref === campaignId);
        return rows.length === CONVERSATIONS.length && rows.every((r) => r.status === 'done');
      },
      30_000,
      `${campaignId} delivered`,
    );
    const elapsed = Date.now() - started;
    seen.trials += 1;

    const rows = (await ledger(t.db)).filter((r) => r.report_ref === campaignId);
    for (const conversation of CONVERSATIONS) {
      const posts = postsOf(conversation, name);
      const row = rows.find((r) => r.destination === conversation);
      expect({ conversation, campaignId, missing: posts.length === 0 }).toEqual({
        conversation,
        campaignId,
        missing: false,
      });
      expect(posts.map((p) => p.id)).toContain(row?.message_ref);
      if (posts.length > 1) {
        seen.secondCopies += 1;
        // Only an interrupted send can be repeated, never a delivery the ledger had finished.
        expect({ conversation, campaignId, doneBeforeKill: doneBeforeKill.has(conversation) }).toEqual({
          conversation,
          campaignId,
          doneBeforeKill: false,
        });
        expect(posts).toHaveLength(2);
      }
    }
    return elapsed;
  }

  it(
    `never loses a summary, and never repeats one the ledger finished (${TRIALS} trials)`,
    async () => {
      const undisturbed = await trial(0, 0);
      for (const conversation of CONVERSATIONS) expect(postsOf(conversation, 'Campaign teams-kill-0')).toHaveLength(1);
      const window = Math.max(undisturbed * 1.2, 150);
      for (let n = 1; n <= TRIALS; n += 1) await trial(n, window);
      expect(seen.trials).toBe(TRIALS + 1);
    },
    10 * 60_000,
  );
});
