import { execFile } from 'node:child_process';
import net from 'node:net';
import { promisify } from 'node:util';
import { signWebhookBody } from '../../../src/domain/webhook-signature';
import { TestDb, createTestDb } from '../../support/test-db';
import {
  ACCOUNT,
  MAX_LOOP_DELAY_MS,
  SECRET,
  WebhookServer,
  callEvent,
  campaignEvent,
  postEvents,
  sendMeasured,
  startWebhookServer,
  storedFingerprint,
} from './support/webhook-server';

/**
 * The attacks of issue 10 on a running webhook server (a child process, real HTTP, signed requests): each
 * gets a 4xx with a reason, stores nothing, keeps the answer small, and never holds the server's event loop
 * for long (measured in the server process).
 */
const MAX_ANSWER_BYTES = 64 * 1024;
const MiB = 1024 * 1024;

let t: TestDb;
let server: WebhookServer;

beforeAll(async () => {
  t = await createTestDb();
  server = await startWebhookServer(t);
});
afterAll(async () => {
  await server?.stop();
  await t?.drop();
});

async function expectRefusedQuickly(body: string | Buffer, status: number, type = 'application/json') {
  const before = await storedFingerprint(t);
  const { answer, maxMs } = await sendMeasured(server, () => postEvents(server.base, body, { type }));
  expect(answer.status).toBe(status);
  expect(answer.bytes).toBeLessThan(MAX_ANSWER_BYTES);
  expect(maxMs).toBeLessThan(MAX_LOOP_DELAY_MS);
  expect(await storedFingerprint(t)).toBe(before);
  return JSON.parse(answer.text) as {
    error?: string;
    errors?: { index: number | null; field: string; message: string }[];
    errors_total?: number;
  };
}

describe('patterns that see untrusted text', () => {
  it('refuses the address that froze the server for 13 s at once, and a body full of such addresses', async () => {
    const one = JSON.stringify([campaignEvent({ report_emails: [`a@${'.'.repeat(100_000)}@`] })]);
    const answer = await expectRefusedQuickly(one, 400);
    expect(answer.errors).toEqual([
      { index: 0, field: 'report_emails', message: expect.stringContaining('not an email address') },
    ]);
    const many = JSON.stringify([
      campaignEvent({ report_emails: Array.from({ length: 99 }, () => `a@${'.'.repeat(50_000)}@`) }),
    ]);
    await expectRefusedQuickly(many, 400);
    const longest = JSON.stringify([campaignEvent({ report_emails: [`a@${'.'.repeat(5 * MiB - 200)}@`] })]);
    await expectRefusedQuickly(longest, 400);
  });

  it('refuses long runs of digits, spaces and signs in times, counts, decimals and phones without scanning them', async () => {
    const digits = '9'.repeat(1_000_000);
    const body = JSON.stringify([
      callEvent('p1', {
        started_at: `${digits}-01-01T00:00:00Z`,
        messages: ` ${' '.repeat(500_000)}1${' '.repeat(500_000)}x`,
        cost: `${digits}.`,
        phone: `+${digits}`,
      }),
    ]);
    const answer = await expectRefusedQuickly(body, 400);
    expect(answer.errors?.map((e) => e.field).sort()).toEqual(['cost', 'messages', 'phone', 'started_at']);
  });
});

describe('request size in events and in problems', () => {
  it('answers 413 to 5 MiB of junk NDJSON lines, counting while reading', async () => {
    const junk = Buffer.from('x\n'.repeat((5 * MiB) / 2 - 8));
    const answer = await expectRefusedQuickly(junk, 413, 'application/x-ndjson');
    expect(answer.error).toContain('at most 10000');
  });

  it('answers 413 to a JSON array of 10,001 events before building them', async () => {
    await expectRefusedQuickly(`[${Array.from({ length: 10_001 }, () => '0').join(',')}]`, 413);
    await expectRefusedQuickly(`[${Array.from({ length: 2_000_000 }, () => '0').join(',')}]`, 413);
  });

  it('lists the first 50 problems of 10,000 junk lines and counts them all', async () => {
    const answer = await expectRefusedQuickly(Buffer.from('x\n'.repeat(10_000)), 400, 'application/x-ndjson');
    expect(answer.errors).toHaveLength(50);
    expect(answer.errors?.[0]).toEqual({
      index: 0,
      field: '(line)',
      message: 'line 1 is not valid JSON; each line must be one JSON object',
    });
    expect(answer.errors_total).toBe(10_000);
  });

  it('lists the first 50 of 10,000 invalid events, each with its quoted value cut short', async () => {
    const events = Array.from({ length: 10_000 }, (_, i) =>
      callEvent(`e${i}`, { started_at: '\u0000', call_id: 'x'.repeat(201) }),
    );
    const answer = await expectRefusedQuickly(JSON.stringify(events), 400);
    expect(answer.errors).toHaveLength(50);
    expect(answer.errors_total).toBe(20_000);
  });
});

describe('values PostgreSQL would refuse: a 400 with a reason, never a 500', () => {
  const cases: [string, Record<string, unknown>, string, RegExp][] = [
    ['a NUL in a name', callEvent('v1', { campaign_name: 'Debt\u0000 Nov' }), 'campaign_name', /NUL/],
    ['a NUL in an id', callEvent('v2\u0000', { customer_id: 'c2' }), 'call_id', /NUL/],
    ['a lone surrogate in an id', callEvent('v3\ud800', { customer_id: 'c3' }), 'call_id', /surrogate/],
    ['a lone surrogate in a result code', callEvent('v4', { result_code: 'ok\udc00' }), 'result_code', /surrogate/],
    [
      'a NUL in an email address',
      campaignEvent({ report_emails: ['ops\u0000@example.com'] }),
      'report_emails',
      /not an email address/,
    ],
    ['year 0000', callEvent('v5', { started_at: '0000-06-01T00:00:00Z' }), 'started_at', /years 1 and 9999/],
    [
      'year 9999 pushed into 10000 by its offset',
      callEvent('v6', {
        started_at: '9999-12-31T23:30:00Z',
        answered_at: null,
        result_code: 'NA',
        ended_at: '9999-12-31T23:30:00-01:00',
      }),
      'ended_at',
      /years 1 and 9999/,
    ],
    [
      'a call long enough to overflow blocks',
      callEvent('v7', {
        started_at: '0001-01-01T00:00:00Z',
        answered_at: '0001-01-01T00:00:00Z',
        ended_at: '9999-12-31T00:00:00Z',
      }),
      'ended_at',
      /24 hours/,
    ],
    ['a campaign event in year 0000', campaignEvent({ at: '0000-12-31T23:59:59+00:00' }), 'at', /years 1 and 9999/],
  ];
  it.each(cases)('%s', async (_what, event, field, reason) => {
    const answer = await expectRefusedQuickly(JSON.stringify([callEvent('ok-1'), event]), 400);
    expect(answer.errors).toEqual([{ index: 1, field, message: expect.stringMatching(reason) }]);
  });

  it('describes a field holding 50,000 nested arrays without overflowing the stack', async () => {
    const nested = `${'['.repeat(50_000)}${']'.repeat(50_000)}`;
    const body = `[${JSON.stringify(callEvent('n1')).slice(0, -1)},"campaign_name":${nested}}]`;
    const answer = await expectRefusedQuickly(body, 400);
    expect(answer.errors).toEqual([
      { index: null, field: '(body)', message: expect.stringContaining('deeper than 32 levels') },
    ]);
    const line = `${JSON.stringify(callEvent('n2')).slice(0, -1)},"campaign_name":${nested}}`;
    const ndjson = await expectRefusedQuickly(
      `${JSON.stringify(callEvent('n3'))}\n${line}\n`,
      400,
      'application/x-ndjson',
    );
    expect(ndjson.errors).toEqual([{ index: 1, field: '(line)', message: expect.stringContaining('line 2 nests') }]);
  });

  it('refuses 2.5 million nested arrays without building them', async () => {
    await expectRefusedQuickly(`${'['.repeat(2_500_000)}${']'.repeat(2_500_000)}`, 400);
  });

  it('stores a full batch of 10,000 valid events', async () => {
    const events = Array.from({ length: 10_000 }, (_, i) =>
      callEvent(`full-${i}`, {
        campaign_name: 'Nhắc nợ tháng 11',
        recording_url: `https://storage.example.com/r/${i}.mp3`,
      }),
    );
    const answer = await postEvents(server.base, JSON.stringify(events));
    expect(answer.status).toBe(202);
    expect(JSON.parse(answer.text)).toEqual({ accepted: 10_000, duplicates: 0, updated: 0 });
  });

  it('still stores a valid batch afterwards', async () => {
    const answer = await postEvents(
      server.base,
      JSON.stringify([campaignEvent({ report_emails: ['ops@example.com', 'a.b@mail.example.co'] }), callEvent('ok-2')]),
    );
    expect(answer.status).toBe(202);
  });
});

/** Sends the request head with Content-Length `declared`, then `body`; resolves with the first bytes of the answer. */
function rawRequest(
  port: number,
  headers: Record<string, string>,
  declared: number,
  body: Buffer,
  options: { writeAllBeforeReading?: boolean } = {},
): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1');
    let answer = '';
    const head = [
      `POST /v1/events HTTP/1.1`,
      `Host: 127.0.0.1:${port}`,
      `Content-Length: ${declared}`,
      ...Object.entries(headers).map(([k, v]) => `${k}: ${v}`),
      '',
      '',
    ].join('\r\n');
    socket.on('error', reject);
    socket.once('connect', () => {
      socket.write(head);
      socket.write(body, () => {
        if (options.writeAllBeforeReading) socket.on('data', (chunk) => (answer += chunk.toString('latin1')));
      });
      if (!options.writeAllBeforeReading) socket.on('data', (chunk) => (answer += chunk.toString('latin1')));
    });
    const timer = setInterval(() => {
      if (/\r\n\r\n[\s\S]*\}/.test(answer)) {
        clearInterval(timer);
        socket.destroy();
        resolve(answer);
      }
    }, 20);
    socket.on('close', () => {
      clearInterval(timer);
      resolve(answer);
    });
  });
}

/** Polls `probe` until it gives a value (at most 20 s). */
async function until<T>(probe: () => Promise<T | undefined>): Promise<T> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const portOf = (base: string) => Number(new URL(base).port);

describe('who is asking, before the body is read', () => {
  const fresh = () => signWebhookBody(SECRET, Math.floor(Date.now() / 1000), 'anything');

  it('gives an unknown account and a wrong signature the identical 401', async () => {
    const body = JSON.stringify([callEvent('who-1')]);
    const unknown = await postEvents(server.base, body, { account: 'nobody' });
    const wrong = await postEvents(server.base, body, { secret: 'a guess' });
    const noAccount = await postEvents(server.base, body, { headers: { 'x-voicebot-account': '' } });
    expect([unknown.status, wrong.status, noAccount.status]).toEqual([401, 401, 401]);
    expect(unknown.text).toBe(wrong.text);
    expect(noAccount.text).toBe(wrong.text);
  });

  it('answers an unknown account, a malformed or stale signature and an oversized length before any body byte is sent', async () => {
    const port = portOf(server.base);
    const base = { 'Content-Type': 'application/json', 'X-Voicebot-Account': ACCOUNT, 'X-Voicebot-Signature': fresh() };
    const stale = signWebhookBody(SECRET, Math.floor(Date.now() / 1000) - 301, 'anything');
    const none = Buffer.alloc(0);
    expect(await rawRequest(port, { ...base, 'X-Voicebot-Account': 'nobody' }, 5 * MiB, none)).toMatch(
      /^HTTP\/1\.1 401 /,
    );
    expect(await rawRequest(port, { ...base, 'X-Voicebot-Signature': 'sha256=abc' }, 5 * MiB, none)).toMatch(
      /^HTTP\/1\.1 401 [\s\S]*t=<unix seconds>/,
    );
    expect(await rawRequest(port, { ...base, 'X-Voicebot-Signature': stale }, 5 * MiB, none)).toMatch(
      /^HTTP\/1\.1 401 [\s\S]*300 s/,
    );
    expect(await rawRequest(port, base, 6 * MiB, none)).toMatch(/^HTTP\/1\.1 413 /);
  });

  it('answers 503 with Retry-After once the bodies in flight pass the process budget', async () => {
    const small = await startWebhookServer(t, { bodyBudgetBytes: 6 * MiB });
    try {
      const port = portOf(small.base);
      const headers = {
        'Content-Type': 'application/json',
        'X-Voicebot-Account': ACCOUNT,
        'X-Voicebot-Signature': fresh(),
      };
      // The first request declares 5 MiB and sends only its first byte: its budget stays reserved.
      const hanging = net.connect(port, '127.0.0.1');
      await new Promise((resolve) => hanging.once('connect', resolve));
      hanging.write(
        `POST /v1/events HTTP/1.1\r\nHost: x\r\nContent-Length: ${5 * MiB}\r\n${Object.entries(headers)
          .map(([k, v]) => `${k}: ${v}`)
          .join('\r\n')}\r\n\r\n[`,
      );
      // Until the server has reserved for it (after looking up the account), a second body still fits.
      const second = await until(async () => {
        const answer = await postEvents(small.base, Buffer.alloc(2 * MiB, 32));
        return answer.status === 503 ? answer : undefined;
      });
      expect(second.headers.get('retry-after')).toBe('1');
      expect(JSON.parse(second.text).error).toContain('send the same request again');
      hanging.destroy();
      const batch = JSON.stringify([callEvent('budget-1')]);
      const sign = () => signWebhookBody(SECRET, Math.floor(Date.now() / 1000), batch);
      await until(async () =>
        (await postEvents(small.base, batch, { signature: sign() })).status === 202 ? true : undefined,
      );
    } finally {
      await small.stop();
    }
  });
});

describe('413 reaches clients that write the whole body before reading', () => {
  const python = `
import sys, urllib.request, urllib.error
url, account, signature, size = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
request = urllib.request.Request(url, data=b" " * size, method="POST", headers={
    "Content-Type": "application/json", "X-Voicebot-Account": account, "X-Voicebot-Signature": signature})
try:
    with urllib.request.urlopen(request, timeout=60) as response:
        print(response.status, response.read().decode())
except urllib.error.HTTPError as error:
    print(error.code, error.read().decode())
except Exception as error:
    print("ERROR", repr(error))
`;
  const urllibPost = async (account: string, size: number) => {
    const signature = signWebhookBody(SECRET, Math.floor(Date.now() / 1000), 'not this body');
    const { stdout } = await promisify(execFile)(
      'python3',
      ['-c', python, `${server.base}/v1/events`, account, signature, String(size)],
      { timeout: 60_000 },
    );
    return stdout.trim();
  };

  it('Python urllib reads 413 for a 6 MiB body, and 401 for an unknown account (not reading its 4 MiB)', async () => {
    expect(await urllibPost(ACCOUNT, 6 * MiB)).toMatch(/^413 \{"error":"the body is over/);
    expect(await urllibPost('nobody', 4 * MiB)).toMatch(/^401 \{"error":"unknown account or wrong signature/);
  });

  it('a raw socket client that writes 6 MiB before reading gets the 413', async () => {
    const headers = {
      'Content-Type': 'application/json',
      'X-Voicebot-Account': ACCOUNT,
      'X-Voicebot-Signature': signWebhookBody(SECRET, Math.floor(Date.now() / 1000), 'x'),
    };
    const answer = await rawRequest(portOf(server.base), headers, 6 * MiB, Buffer.alloc(6 * MiB, 32), {
      writeAllBeforeReading: true,
    });
    expect(answer).toMatch(/^HTTP\/1\.1 413 /);
  });
});
