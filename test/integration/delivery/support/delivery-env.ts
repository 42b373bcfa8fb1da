import { randomBytes } from 'node:crypto';
import pino, { Logger } from 'pino';
import { Redis } from 'ioredis';
import { Config, loadConfig } from '../../../../src/config';
import { ingestRequest } from '../../../../src/ingest/ingest-request';
import { Db } from '../../../../src/storage/connection';
import { upsertAccount } from '../../../../src/storage/accounts';
import { subscribe } from '../../../../src/storage/subscriptions';
import { SubscriptionOptions, SubscriptionTarget } from '../../../../src/domain/subscription';
import { JobSettings } from '../../../../src/jobs/job-settings';

export const TEST_REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
export const LINK_SECRET = 'delivery-test-link-secret-32-characters';
export const PUBLIC_BASE_URL = 'http://reports.test';
export const BOT_TOKEN = 'xoxb-delivery-test';

/** Timings short enough for tests: a killed worker's job comes back within ~2 s, retries within ~0.1–1 s. */
export const FAST_SETTINGS: Partial<JobSettings> = {
  lockDurationMs: 2_000,
  stalledIntervalMs: 1_000,
  maxStalledCount: 50,
  backoffBaseMs: 100,
  backoffMaxMs: 1_000,
  busyRetryMs: 200,
  sweepAfterMs: 3_000,
  channelIntervalMs: 1_000,
  deliveryConcurrency: 4,
};

export const testLogger: Logger = pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' });

export function uniquePrefix(label: string): string {
  return `t-${label}-${randomBytes(4).toString('hex')}`;
}

export function testConfig(env: Record<string, string | undefined>): Config {
  return loadConfig({
    REDIS_URL: TEST_REDIS_URL,
    PUBLIC_BASE_URL,
    RECORDING_LINK_SECRET: LINK_SECRET,
    QUICKCHART_BASE_URL: 'off',
    EMAIL_FROM: 'Campaign Report <reports@campaign-report.test>',
    COMPLETION_CHECK_SECONDS: '1',
    COMPLETION_SETTLE_SECONDS: '1',
    LOG_LEVEL: 'silent',
    ...env,
  });
}

/** Deletes every Redis key of a queue prefix (tests give each suite its own). */
export async function clearQueuePrefix(prefix: string, redisUrl = TEST_REDIS_URL): Promise<void> {
  const redis = new Redis(redisUrl, { maxRetriesPerRequest: 1 });
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
      cursor = next;
      if (keys.length > 0) await redis.del(...keys);
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}

export interface CampaignShape {
  campaignId: string;
  botId?: string;
  name?: string;
  calls?: number;
  reportEmails?: string[];
  start?: Date;
  /** First call number (for late calls). */
  from?: number;
}

const OUTCOMES = ['PAID', 'NA', 'PROMISE', 'BS', 'CU', 'PAID'];

/** `call.completed` events: a mix of answered and unanswered calls, some with recordings. */
export function callEvents(shape: CampaignShape): Record<string, unknown>[] {
  const start = shape.start ?? new Date('2026-11-20T02:00:00Z');
  const from = shape.from ?? 0;
  return Array.from({ length: shape.calls ?? 6 }, (_, k) => {
    const i = from + k;
    const code = OUTCOMES[i % OUTCOMES.length];
    const startedAt = new Date(start.getTime() + i * 60_000);
    const answered = !['NA', 'BS', 'CU'].includes(code);
    const answeredAt = new Date(startedAt.getTime() + 5_000);
    const endedAt = new Date(startedAt.getTime() + (answered ? 65_000 : 20_000));
    return {
      type: 'call.completed',
      call_id: `${shape.campaignId}-call-${i}`,
      campaign_id: shape.campaignId,
      campaign_name: shape.name ?? `Campaign ${shape.campaignId}`,
      bot_id: shape.botId ?? 'bot-1',
      customer_id: `cus-${i % 4}`,
      phone: `+8490123${String(4000 + i).padStart(4, '0')}`,
      attempt: 1 + Math.floor(i / 4),
      started_at: startedAt.toISOString(),
      answered_at: answered ? answeredAt.toISOString() : null,
      ended_at: endedAt.toISOString(),
      result_code: code,
      messages: answered ? 4 : 0,
      recording_url: answered ? `https://recordings.example.com/${shape.campaignId}/${i}.mp3` : null,
    };
  });
}

export function completionEvent(shape: CampaignShape): Record<string, unknown> {
  return {
    type: 'campaign.completed',
    campaign_id: shape.campaignId,
    bot_id: shape.botId ?? 'bot-1',
    campaign_name: shape.name ?? `Campaign ${shape.campaignId}`,
    customers_total: 5,
    report_emails: shape.reportEmails ?? [],
    at: new Date('2026-11-20T06:00:00Z').toISOString(),
  };
}

/** Stores events as the webhook would, received at `receivedAt` (in the past: already settled). */
export async function ingestEvents(
  db: Db,
  accountId: string,
  events: unknown[],
  receivedAt = new Date(),
): Promise<void> {
  await ingestRequest(db, accountId, Buffer.from(JSON.stringify(events)), 'application/json', receivedAt);
}

export async function createAccount(
  db: Db,
  accountId: string,
  changes: { ingestSecretSealed?: string } = {},
): Promise<void> {
  await upsertAccount(db, accountId, { timeZone: 'Asia/Ho_Chi_Minh', ...changes }, 'Asia/Ho_Chi_Minh');
}

export async function subscribeSlack(
  db: Db,
  accountId: string,
  channel: string,
  target: SubscriptionTarget = { kind: 'all', id: '' },
  options: Partial<SubscriptionOptions> & { createdBy?: string } = {},
) {
  return subscribe(db, {
    accountId,
    platform: 'slack',
    workspaceId: 'T0FAKE',
    destination: channel,
    target,
    summaries: options.summaries ?? true,
    digest: options.digest ?? false,
    live: options.live ?? false,
    alerts: options.alerts ?? false,
    createdBy: options.createdBy ?? 'U0CREATOR',
  });
}

export async function subscribeEmail(
  db: Db,
  accountId: string,
  address: string,
  options: Partial<SubscriptionOptions> = {},
) {
  return subscribe(db, {
    accountId,
    platform: 'email',
    workspaceId: null,
    destination: address,
    target: { kind: 'all', id: '' },
    summaries: options.summaries ?? true,
    digest: options.digest ?? false,
    live: options.live ?? false,
    alerts: options.alerts ?? false,
    createdBy: null,
  });
}

/** Re-checks a condition that no event announces (a database row), every 25 ms. */
export async function waitUntil<T>(
  probe: () => Promise<T | null | undefined | false>,
  timeoutMs = 15_000,
  what = 'condition',
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`waitUntil: ${what} not reached within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

export async function ledger(db: Db, accountId?: string) {
  const query = db('deliveries').orderBy('id');
  if (accountId) query.where({ account_id: accountId });
  return (await query) as {
    id: string;
    channel_kind: string;
    destination: string;
    status: string;
    message_ref: string | null;
    delivered_revision: number | null;
    attempts: number;
    last_error: string | null;
    report_kind: string;
    report_ref: string;
  }[];
}
