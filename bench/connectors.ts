import { createHmac, randomBytes } from 'node:crypto';
import path from 'node:path';
import autocannon from 'autocannon';
import { sign as retellSign } from 'retell-sdk';
import twilio from 'twilio';
import { encryptSecret, newSecret } from '../src/domain/secret-box';
import { signWebhookBody } from '../src/domain/webhook-signature';
import { upsertAccount } from '../src/storage/accounts';
import { saveConnectorSettings } from '../src/storage/connectors';
import { retellCall, twilioStatus, vapiReport } from '../test/support/platform-payloads';
import { withBenchDb } from './support/bench-db';
import { portLine, startTsChild, stopChild } from './support/child';
import { benchRows } from './support/paths';
import { Figure, figure, log, runBench } from './support/report';

/**
 * Issue 12: each connector endpoint holds ≥ 0.5 of /v1/events' throughput for single-call requests. One
 * server (the webhook benchmark's child: startWebServer as `npm start` runs it), one account; /v1/events with
 * one signed `call.completed` per request is measured before and after the connectors (its mean is the
 * baseline), then each connector with one signed platform call per request, unique call ids throughout.
 */
const ACCOUNT = 'bench';
/** The child's config leaves PUBLIC_BASE_URL at its default, which is the URL Twilio signs. */
const PUBLIC_BASE_URL = 'http://localhost:3000';
const CAMPAIGNS = 20;
const seconds = () => Number(process.env.BENCH_CONNECTOR_SECONDS ?? 5);
const connections = () => Number(process.env.BENCH_CONNECTOR_CONNECTIONS ?? 8);
const webProcesses = () => Number(process.env.BENCH_WEB_CONCURRENCY ?? 2);

interface Endpoint {
  name: string;
  path: string;
  /** Body and headers of request number n (a fresh call each time). */
  request(n: number): { body: string; headers: Record<string, string> };
}

function endpoints(secrets: { ingest: string; retell: string; vapi: string; twilio: string }, run: string): Endpoint[] {
  const id = (n: number) => `${run}-${n}`;
  const campaign = (n: number) => `bench-${n % CAMPAIGNS}`;
  const twilioPath = (n: number) => `/v1/connectors/twilio/${ACCOUNT}?campaign_id=${campaign(n)}&bot_id=bot-twilio`;
  return [
    {
      name: '/v1/events',
      path: '/v1/events',
      request(n) {
        const body = JSON.stringify([
          {
            type: 'call.completed',
            call_id: `e-${id(n)}`,
            campaign_id: campaign(n),
            bot_id: 'bot-events',
            customer_id: `cus-${id(n)}`,
            phone: '+84901234567',
            started_at: '2026-11-20T03:00:00Z',
            answered_at: '2026-11-20T03:00:05Z',
            ended_at: '2026-11-20T03:01:05Z',
            result_code: 'PAID',
            messages: 2,
            cost: '0.125',
            recording_url: `https://storage.example.com/${id(n)}.wav`,
          },
        ]);
        const t = Math.floor(Date.now() / 1000);
        return {
          body,
          headers: {
            'content-type': 'application/json',
            'x-voicebot-account': ACCOUNT,
            'x-voicebot-signature': signWebhookBody(secrets.ingest, t, body),
          },
        };
      },
    },
    {
      name: 'retell',
      path: `/v1/connectors/retell/${ACCOUNT}`,
      request(n) {
        const body = JSON.stringify({
          event: 'call_ended',
          call: retellCall(`r-${id(n)}`, { batch_call_id: campaign(n) }),
        });
        // retell-sdk's sign is asynchronous (Web Crypto); autocannon needs the headers now. Same scheme, checked
        // against the SDK by the warm-up request below.
        const ms = Date.now();
        const digest = createHmac('sha256', secrets.retell)
          .update(body + ms)
          .digest('hex');
        return { body, headers: { 'content-type': 'application/json', 'x-retell-signature': `v=${ms},d=${digest}` } };
      },
    },
    {
      name: 'vapi',
      path: `/v1/connectors/vapi/${ACCOUNT}`,
      request(n) {
        const body = JSON.stringify(vapiReport(`v-${id(n)}`, {}, { campaignId: campaign(n) }));
        return {
          body,
          headers: {
            'content-type': 'application/json',
            'x-vapi-signature': createHmac('sha256', secrets.vapi).update(body).digest('hex'),
          },
        };
      },
    },
    {
      name: 'twilio',
      path: twilioPath(0),
      request(n) {
        const fields = twilioStatus(`CA${id(n)}`, 'completed', {
          To: `+8490${String(n % 10_000_000).padStart(7, '0')}`,
        });
        const signature = twilio.getExpectedTwilioSignature(
          secrets.twilio,
          `${PUBLIC_BASE_URL}${twilioPath(n)}`,
          fields,
        );
        return {
          body: new URLSearchParams(fields).toString(),
          headers: {
            'content-type': 'application/x-www-form-urlencoded',
            'x-twilio-signature': signature,
            'x-bench-path': twilioPath(n),
          },
        };
      },
    },
  ];
}

interface Throughput {
  requestsPerSecond: number;
  accepted: number;
  other: Record<string, number>;
  errors: number;
  latencyMs: { p50: number; p99: number };
}

let sequence = 0;

async function measure(port: number, endpoint: Endpoint): Promise<Throughput> {
  const result = await autocannon({
    url: `http://127.0.0.1:${port}`,
    connections: connections(),
    duration: seconds(),
    requests: [
      {
        method: 'POST',
        path: endpoint.path,
        setupRequest: (request) => {
          sequence += 1;
          const { body, headers } = endpoint.request(sequence);
          const { 'x-bench-path': pathOverride, ...sent } = headers;
          return { ...request, path: pathOverride ?? endpoint.path, body, headers: sent };
        },
      },
    ],
  });
  const stats = result.statusCodeStats ?? {};
  const accepted = stats['202']?.count ?? 0;
  const other = Object.fromEntries(
    Object.entries(stats)
      .filter(([code]) => code !== '202')
      .map(([code, s]) => [code, s.count ?? 0]),
  );
  return {
    requestsPerSecond: accepted / result.duration,
    accepted,
    other,
    errors: result.errors + result.timeouts,
    latencyMs: { p50: result.latency.p50, p99: result.latency.p99 },
  };
}

async function warmUp(port: number, endpoint: Endpoint, retellKey: string): Promise<void> {
  for (let i = 0; i < 3; i += 1) {
    sequence += 1;
    const { body, headers } = endpoint.request(sequence);
    const { 'x-bench-path': pathOverride, ...sent } = headers;
    if (endpoint.name === 'retell' && i === 0) sent['x-retell-signature'] = await retellSign(body, retellKey);
    const response = await fetch(`http://127.0.0.1:${port}${pathOverride ?? endpoint.path}`, {
      method: 'POST',
      headers: sent,
      body,
    });
    if (response.status !== 202)
      throw new Error(`${endpoint.name} warm-up got ${response.status}: ${(await response.text()).slice(0, 300)}`);
  }
}

export async function connectorsBench(): Promise<Figure[]> {
  return withBenchDb('connectors', async ({ db, schema }) => {
    const key = randomBytes(32);
    const secrets = { ingest: newSecret(), retell: `key_${newSecret()}`, vapi: newSecret(), twilio: newSecret() };
    await upsertAccount(db, ACCOUNT, { ingestSecretSealed: encryptSecret(secrets.ingest, key) }, 'Asia/Ho_Chi_Minh');
    for (const platform of ['retell', 'vapi', 'twilio'] as const) {
      await saveConnectorSettings(db, ACCOUNT, platform, {
        secretSealed: encryptSecret(secrets[platform], key),
        outcomeField: 'outcome',
      });
    }
    const { child, ready: port } = await startTsChild<number>(
      'server',
      path.join(__dirname, 'support', 'webhook-server-child.ts'),
      [schema, key.toString('base64'), String(webProcesses())],
      {
        ready: portLine,
      },
    );
    try {
      return await measureAll(port, endpoints(secrets, randomBytes(4).toString('hex')), secrets.retell);
    } finally {
      await stopChild(child, 10_000);
    }
  });
}

async function measureAll(port: number, all: Endpoint[], retellKey: string): Promise<Figure[]> {
  log(`single-call requests, ${connections()} connections, ${seconds()} s each, ${webProcesses()} web processes`);
  for (const endpoint of all) await warmUp(port, endpoint, retellKey);
  const [events, ...connectors] = all;
  const before = await measure(port, events);
  log(
    `/v1/events (before): ${before.requestsPerSecond.toFixed(0)} calls/s, p50 ${before.latencyMs.p50} ms, other ${JSON.stringify(before.other)}`,
  );
  const results = new Map<string, Throughput>();
  for (const endpoint of connectors) {
    const ours = await measure(port, endpoint);
    results.set(endpoint.name, ours);
    log(
      `${endpoint.name}: ${ours.requestsPerSecond.toFixed(0)} calls/s, p50 ${ours.latencyMs.p50} ms, p99 ${ours.latencyMs.p99} ms, other ${JSON.stringify(ours.other)}, errors ${ours.errors}`,
    );
  }
  const after = await measure(port, events);
  log(`/v1/events (after): ${after.requestsPerSecond.toFixed(0)} calls/s, p50 ${after.latencyMs.p50} ms`);
  const baseline = (before.requestsPerSecond + after.requestsPerSecond) / 2;
  return connectors.map((endpoint) => {
    const ours = results.get(endpoint.name) as Throughput;
    return figure({
      bench: 'connectors',
      name: `${endpoint.name} connector, single-call requests vs /v1/events`,
      unit: 'calls/s',
      ours: ours.requestsPerSecond,
      baseline,
      target: '≥ 0.5 × /v1/events',
      pass: ours.requestsPerSecond >= 0.5 * baseline && ours.errors === 0 && Object.keys(ours.other).length === 0,
      details: {
        ours,
        eventsBefore: before,
        eventsAfter: after,
        connections: connections(),
        seconds: seconds(),
        webProcesses: webProcesses(),
      },
    });
  });
}

if (require.main === module) {
  void runBench('connectors', benchRows(), () => connectorsBench());
}
