import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Redis } from 'ioredis';
import { sign as retellSign } from 'retell-sdk';
import twilio from 'twilio';
import { createHmac } from 'node:crypto';
import { runCli } from '../../../../src/cli/run-cli';
import { encryptSecret } from '../../../../src/domain/secret-box';
import { signWebhookBody } from '../../../../src/domain/webhook-signature';
import { erasureKeyFrom } from '../../../../src/domain/forgotten-identifiers';
import { connectorRouter } from '../../../../src/http/connector-route';
import { createHttpApp } from '../../../../src/http/create-app';
import { importFile } from '../../../../src/ingest/import-file';
import { ChannelRegistry } from '../../../../src/jobs/channel-registry';
import { createJobQueues } from '../../../../src/jobs/job-queues';
import { jobSettings } from '../../../../src/jobs/job-settings';
import { processFanOut } from '../../../../src/jobs/fan-out-job';
import { jobIds } from '../../../../src/jobs/queues';
import { writeTempCsvFile } from '../../../../src/adapters/slack/temp-csv-file';
import { campaignCallPages } from '../../../../src/reports/calls-report';
import { reportDepsFor } from '../../../../src/reports/recording-links';
import { renderCallsCsvPages } from '../../../../src/render/csv/calls';
import { saveConnectorSettings } from '../../../../src/storage/connectors';
import { DeliveryChannel } from '../../../../src/domain/delivery';
import { DeliveryHarness, startDeliveryHarness } from '../../delivery/support/delivery-harness';
import { TEST_REDIS_URL, createAccount, testLogger } from '../../delivery/support/delivery-env';
import { retellCall, twilioStatus, vapiReport } from '../../../support/platform-payloads';

export const ACCOUNT = 'acme';
export const TARGET_ID = 'cus-target-7731';
export const TARGET_PHONE = '+84912345678';
/** Every spelling of the target's phone in data: E.164, digits, national; the shortest is in all of them. */
export const TARGET_PHONE_CORE = '912345678';
export const TARGET_RECORDINGS = 'rec-target.example.com';
const OTHER_PHONE = '+84987654321';
const INGEST_SECRET = 'acme-ingest-secret-for-personal-data';
const RETELL_KEY = 'key_retell_personal_data';
const VAPI_SECRET = 'vapi-secret-personal-data';
const TWILIO_TOKEN = 'twilio-token-personal-data-0123456789';
export const CAMPAIGNS = ['csv-1', 'nd-1', 'wh-1', 'batch_retell_pd', 'camp_vapi_pd', 'tw-pd'] as const;
export const REPORT_EMAIL = 'dpo-office@example.com';

export interface PersonalDataWorld {
  h: DeliveryHarness;
  connectorBase: string;
  env: NodeJS.ProcessEnv;
  redis: Redis;
  dir: string;
  /** The in-flight email delivery's ledger id. */
  deliveryId: string;
  tempCsvPath: string;
  webhookBody: string;
  close(): Promise<void>;
}

function recording(who: 'target' | 'other', id: string): string {
  return who === 'target' ? `https://${TARGET_RECORDINGS}/v/${id}.mp3` : `https://rec-other.example.com/v/${id}.mp3`;
}

function csvLine(callId: string, campaign: string, who: 'target' | 'other', attempt: number, minute: number): string {
  const started = new Date(Date.UTC(2026, 10, 20, 3, minute, 0));
  const ended = new Date(started.getTime() + 65_000);
  const answered = new Date(started.getTime() + 5_000);
  return [
    callId,
    campaign,
    'bot-pd',
    who === 'target' ? TARGET_ID : `cus-other-${callId}`,
    who === 'target' ? TARGET_PHONE : OTHER_PHONE,
    attempt,
    started.toISOString(),
    attempt === 1 ? '' : answered.toISOString(),
    ended.toISOString(),
    attempt === 1 ? 'NA' : 'PAID',
    recording(who, callId),
  ].join(',');
}

export function webhookCall(callId: string, who: 'target' | 'other', overrides: Record<string, unknown> = {}) {
  return {
    type: 'call.completed',
    call_id: callId,
    campaign_id: 'wh-1',
    bot_id: 'bot-pd',
    customer_id: who === 'target' ? TARGET_ID : `cus-other-${callId}`,
    phone: who === 'target' ? TARGET_PHONE : OTHER_PHONE,
    started_at: '2026-11-20T04:00:00Z',
    answered_at: '2026-11-20T04:00:05Z',
    ended_at: '2026-11-20T04:01:05Z',
    result_code: 'PAID',
    recording_url: recording(who, callId),
    ...overrides,
  };
}

export async function postWebhook(w: Pick<PersonalDataWorld, 'h'>, body: string): Promise<Record<string, unknown>> {
  const signature = signWebhookBody(INGEST_SECRET, Math.floor(Date.now() / 1000), body);
  const res = await fetch(`${w.h.baseUrl}/v1/events`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-voicebot-account': ACCOUNT, 'x-voicebot-signature': signature },
    body,
  });
  if (res.status !== 202) throw new Error(`webhook answered ${res.status}: ${await res.text()}`);
  return (await res.json()) as Record<string, unknown>;
}

export async function postRetell(base: string, callId: string, who: 'target' | 'other') {
  const call = retellCall(callId, {
    batch_call_id: 'batch_retell_pd',
    to_number: who === 'target' ? TARGET_PHONE : OTHER_PHONE,
    metadata: { customer_id: who === 'target' ? TARGET_ID : `cus-other-${callId}` },
    recording_url: recording(who, callId),
  });
  const body = JSON.stringify({ event: 'call_ended', call });
  const res = await fetch(`${base}/v1/connectors/retell/${ACCOUNT}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-retell-signature': await retellSign(body, RETELL_KEY) },
    body,
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

async function postVapi(base: string, callId: string, who: 'target' | 'other') {
  const payload = vapiReport(
    callId,
    { artifact: { recordingUrl: recording(who, callId), messages: [] } },
    { campaignId: 'camp_vapi_pd', customer: { number: who === 'target' ? TARGET_PHONE : OTHER_PHONE } },
  );
  const body = JSON.stringify(payload);
  const res = await fetch(`${base}/v1/connectors/vapi/${ACCOUNT}`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-vapi-signature': createHmac('sha256', VAPI_SECRET).update(body).digest('hex'),
    },
    body,
  });
  if (res.status !== 202) throw new Error(`vapi answered ${res.status}: ${await res.text()}`);
}

async function postTwilio(base: string, publicBaseUrl: string, sid: string, who: 'target' | 'other') {
  const route = `/v1/connectors/twilio/${ACCOUNT}?campaign_id=tw-pd&bot_id=bot-twilio`;
  const fields = twilioStatus(sid, 'completed', {
    To: who === 'target' ? TARGET_PHONE : OTHER_PHONE,
    Called: who === 'target' ? TARGET_PHONE : OTHER_PHONE,
    RecordingUrl: recording(who, sid),
  });
  const res = await fetch(`${base}${route}`, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      'x-twilio-signature': twilio.getExpectedTwilioSignature(TWILIO_TOKEN, `${publicBaseUrl}${route}`, fields),
    },
    body: new URLSearchParams(fields).toString(),
  });
  if (res.status !== 202) throw new Error(`twilio answered ${res.status}: ${await res.text()}`);
}

/**
 * One account whose calls came through every path (a CSV file, an NDJSON file, the signed webhook, Retell,
 * Vapi and Twilio), an email delivery with its CSV attachment waiting in Redis (its job's failure reason
 * quoting the phone, as an SMTP answer might), and a temporary CSV export on disk.
 */
export async function buildPersonalDataWorld(label: string): Promise<PersonalDataWorld> {
  const h = await startDeliveryHarness({ label, worker: false, scheduler: false });
  const db = h.t.db;
  const key = h.config.encryptionKey as Buffer;
  await createAccount(db, ACCOUNT, { ingestSecretSealed: encryptSecret(INGEST_SECRET, key) });
  for (const [platform, secret] of [
    ['retell', RETELL_KEY],
    ['vapi', VAPI_SECRET],
    ['twilio', TWILIO_TOKEN],
  ] as const) {
    await saveConnectorSettings(db, ACCOUNT, platform, { secretSealed: encryptSecret(secret, key) });
  }
  const publicBaseUrl = 'https://bot.example.com';
  const app = createHttpApp(
    [connectorRouter({ db, encryptionKey: key, publicBaseUrl, logger: testLogger })],
    testLogger,
  );
  const server = http.createServer(app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const connectorBase = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'personal-data-world-'));
  const header =
    'call_id,campaign_id,bot_id,customer_id,phone,attempt,started_at,answered_at,ended_at,result_code,recording_url';
  fs.writeFileSync(
    path.join(dir, 'calls.csv'),
    [
      header,
      csvLine('csv-t1', 'csv-1', 'target', 1, 0),
      csvLine('csv-t2', 'csv-1', 'target', 2, 10),
      csvLine('csv-o1', 'csv-1', 'other', 1, 1),
      csvLine('csv-o2', 'csv-1', 'other', 1, 2),
    ].join('\n') + '\n',
  );
  const ndjson = [
    { ...webhookCall('nd-t1', 'target'), campaign_id: 'nd-1' },
    { ...webhookCall('nd-o1', 'other'), campaign_id: 'nd-1' },
  ];
  fs.writeFileSync(path.join(dir, 'calls.ndjson'), ndjson.map((line) => JSON.stringify(line)).join('\n') + '\n');
  const erasureKey = erasureKeyFrom(key);
  for (const file of ['calls.csv', 'calls.ndjson']) {
    const result = await importFile(db, ACCOUNT, path.join(dir, file), { erasureKey });
    if (result.rejected > 0) throw new Error(`${file}: ${JSON.stringify(result.problems)}`);
  }

  const webhookBody = JSON.stringify([
    {
      type: 'campaign.completed',
      campaign_id: 'wh-1',
      bot_id: 'bot-pd',
      customers_total: 3,
      report_emails: [REPORT_EMAIL],
      at: '2026-11-20T05:00:00Z',
    },
    webhookCall('wh-t1', 'target'),
    webhookCall('wh-t2', 'target', {
      attempt: 2,
      started_at: '2026-11-20T04:10:00Z',
      answered_at: '2026-11-20T04:10:05Z',
      ended_at: '2026-11-20T04:11:00Z',
    }),
    webhookCall('wh-o1', 'other'),
  ]);
  await postWebhook({ h }, webhookBody);
  for (const [id, who] of [
    ['ret-t1', 'target'],
    ['ret-o1', 'other'],
  ] as const) {
    const answer = await postRetell(connectorBase, id, who);
    if (answer.status !== 202) throw new Error(`retell answered ${answer.status}`);
  }
  await postVapi(connectorBase, 'vapi-t1', 'target');
  await postVapi(connectorBase, 'vapi-o1', 'other');
  await postTwilio(connectorBase, publicBaseUrl, 'CApdt1', 'target');
  await postTwilio(connectorBase, publicBaseUrl, 'CApdo1', 'other');

  // The campaign's report to its report_emails, fanned out and waiting for a worker.
  const queues = createJobQueues({
    redisUrl: TEST_REDIS_URL,
    prefix: h.prefix,
    role: 'producer',
    settings: jobSettings(),
    logger: testLogger,
  });
  const emailOnly = new ChannelRegistry([{ kind: 'email' } as DeliveryChannel]);
  await processFanOut({ db, channels: emailOnly, queues, logger: testLogger }, ACCOUNT, 'wh-1');
  await queues.close();
  const [delivery] = (await db('deliveries').where({ account_id: ACCOUNT, report_ref: 'wh-1' })) as { id: string }[];
  const redis = new Redis(TEST_REDIS_URL, { maxRetriesPerRequest: 1 });
  await redis.hset(
    `${h.prefix}:report-delivery:${jobIds.deliver(delivery.id)}`,
    'failedReason',
    `550 mailbox of ${TARGET_PHONE} (customer ${TARGET_ID}) refused ${recording('target', 'wh-t1')}`,
  );

  // A CSV export on its way to Slack: the same bytes the Download CSV button uploads.
  const deps = reportDepsFor(h.config, db);
  const temp = await writeTempCsvFile(
    renderCallsCsvPages(campaignCallPages(deps, ACCOUNT, 'csv-1', {}), { timeZone: 'Asia/Ho_Chi_Minh', locale: 'en' }),
    'calls-csv-1.csv',
  );

  const env: NodeJS.ProcessEnv = {
    DATABASE_URL: h.t.url,
    REDIS_URL: TEST_REDIS_URL,
    QUEUE_PREFIX: h.prefix,
    APP_ENCRYPTION_KEY: key.toString('base64'),
    RECORDING_LINK_SECRET: h.config.recordingLinks.secret,
    PUBLIC_BASE_URL: h.config.publicBaseUrl,
    QUICKCHART_BASE_URL: 'off',
    LOG_LEVEL: 'silent',
  };
  return {
    h,
    connectorBase,
    env,
    redis,
    dir,
    deliveryId: delivery.id,
    tempCsvPath: temp.path,
    webhookBody,
    async close() {
      redis.disconnect();
      await temp.remove();
      fs.rmSync(dir, { recursive: true, force: true });
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await h.stop();
    },
  };
}

/** The whole schema as pg_dump writes it. */
export function dumpSchema(w: PersonalDataWorld): string {
  const url = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
  return execFileSync('pg_dump', ['-n', w.h.t.schema, url], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
}

/** Every key under the suite's prefix with every value it holds. */
export async function dumpRedis(w: PersonalDataWorld): Promise<string> {
  const out: string[] = [];
  let cursor = '0';
  do {
    const [next, keys] = await w.redis.scan(cursor, 'MATCH', `${w.h.prefix}:*`, 'COUNT', 500);
    cursor = next;
    for (const key of keys) {
      const type = await w.redis.type(key);
      out.push(key);
      if (type === 'hash') out.push(JSON.stringify(await w.redis.hgetall(key)));
      else if (type === 'string') out.push(String(await w.redis.get(key)));
      else if (type === 'list') out.push(...(await w.redis.lrange(key, 0, -1)));
      else if (type === 'set') out.push(...(await w.redis.smembers(key)));
      else if (type === 'zset') out.push(...(await w.redis.zrange(key, '0', '-1')));
      else if (type === 'stream') out.push(JSON.stringify(await w.redis.xrange(key, '-', '+')));
    }
  } while (cursor !== '0');
  return out.join('\n');
}

/** What the CLI prints for a command, with its exit code (stdout and stderr are captured by the suite). */
export async function cliOutput(
  w: PersonalDataWorld,
  output: { stdout: string; stderr: string },
  ...argv: string[]
): Promise<{ code: number; stdout: string; stderr: string }> {
  output.stdout = '';
  output.stderr = '';
  const code = await runCli(argv, w.env);
  return { code, stdout: output.stdout, stderr: output.stderr };
}

/** Every report's JSON (overview, usage, list, and the figures of the detailed report), for before/after. */
export async function everyReportJson(
  w: PersonalDataWorld,
  output: { stdout: string; stderr: string },
): Promise<Record<string, unknown>> {
  const reports: Record<string, unknown> = {};
  const json = async (...argv: string[]) => {
    const { code, stdout, stderr } = await cliOutput(w, output, ...argv, '--account', ACCOUNT, '--json');
    if (code !== 0) throw new Error(`${argv.join(' ')}: ${stderr}`);
    return JSON.parse(stdout) as unknown;
  };
  for (const campaign of CAMPAIGNS) {
    reports[`report ${campaign}`] = await json('report', campaign);
    const calls = (await json('calls', campaign)) as { calls: Record<string, unknown>[] };
    reports[`calls ${campaign}`] = {
      ...calls,
      calls: calls.calls.map((row) => {
        const figures = { ...row };
        for (const personal of ['customerId', 'phone', 'recordingLink', 'personalDataRemoved'])
          delete figures[personal];
        return figures;
      }),
    };
  }
  reports.usage = await json('usage', '--month', '2026-11');
  reports.list = await json('list');
  return reports;
}
