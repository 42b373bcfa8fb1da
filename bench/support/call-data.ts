import fs from 'node:fs';
import { once } from 'node:events';

/**
 * Deterministic, realistic call records: row i is a pure function of i, so the CSV and the webhook bodies
 * share one shape. Customer k = floor(7i/10): 3 customers in 7 get a second attempt (2 h later), so 30% of
 * calls are callbacks. A first attempt that was retried always failed (BS/NA/CU); other calls succeed 55% of
 * the time with one of the bot's business codes. Rows are in time order over 27 days; the campaigns run in
 * waves of `concurrent` at a time (campaign c uses bot c mod bots), as a dialer's monthly export would be.
 */
export interface CallShape {
  bots: number;
  campaigns: number;
  /** Campaigns dialling at the same time (campaigns must be a multiple of it). */
  concurrent: number;
  rows: number;
  monthStart: Date;
  /** Prefix of call ids, so that several data sets never collide. */
  idPrefix: string;
}

export const BUSINESS_CODES = ['PTP', 'INTERESTED', 'NOT_INTERESTED', 'CALL_LATER', 'WRONG_PERSON', 'PAID'] as const;
export const CSV_HEADER =
  'call_id,campaign_id,campaign_name,bot_id,bot_name,customer_id,phone,attempt,started_at,answered_at,ended_at,result_code,messages,blocks,cost,recording_url';
export const PRICE_PER_BLOCK = 850;
const SPREAD_MS = 27 * 24 * 3600 * 1000;

export interface CallRow {
  callId: string;
  campaignId: string;
  campaignName: string;
  botId: string;
  botName: string;
  customerId: string;
  phone: string;
  attempt: number;
  startedAt: string;
  answeredAt: string | null;
  endedAt: string;
  resultCode: string;
  messages: number | null;
  blocks: number;
  cost: string;
  recordingUrl: string | null;
}

/** A 32-bit integer hash (splitmix-style), uniform enough for picking codes and durations. */
function hash32(i: number, salt: number): number {
  let x = (i ^ Math.imul(salt, 0x9e3779b1)) >>> 0;
  x = Math.imul(x ^ (x >>> 16), 0x85ebca6b) >>> 0;
  x = Math.imul(x ^ (x >>> 13), 0xc2b2ae35) >>> 0;
  return (x ^ (x >>> 16)) >>> 0;
}

function unit(i: number, salt: number): number {
  return hash32(i, salt) / 4294967296;
}

const pad = (n: number, width: number) => String(n).padStart(width, '0');

export function botId(b: number): string {
  return `bot_${pad(b + 1, 2)}`;
}

export function campaignId(c: number): string {
  return `cmp_${pad(c + 1, 3)}`;
}

export function callRow(i: number, shape: CallShape): CallRow {
  const customer = Math.floor((i * 7) / 10);
  const firstRowOfCustomer = Math.ceil((customer * 10) / 7);
  const attempt = i - firstRowOfCustomer + 1;
  const retried = Math.floor(((i + 1) * 7) / 10) === customer;
  const waves = shape.campaigns / shape.concurrent;
  const customers = Math.ceil((shape.rows * 7) / 10);
  const c =
    Math.min(waves - 1, Math.floor((customer / customers) * waves)) * shape.concurrent + (customer % shape.concurrent);
  const b = c % shape.bots;
  const started =
    shape.monthStart.getTime() + Math.floor((i / shape.rows) * SPREAD_MS) + (attempt - 1) * 2 * 3600 * 1000;

  let resultCode: string;
  const r = unit(i, 1);
  if (!retried && r < 0.55) resultCode = BUSINESS_CODES[hash32(i, 2) % BUSINESS_CODES.length];
  else {
    const f = unit(i, 3);
    resultCode = f < 0.55 ? 'NA' : f < 0.88 ? 'BS' : 'CU';
  }
  const successful = resultCode !== 'NA' && resultCode !== 'BS' && resultCode !== 'CU';
  let answered: number | null = null;
  let ended: number;
  if (successful) {
    answered = started + 3000 + (hash32(i, 4) % 12000);
    ended = answered + 15000 + (hash32(i, 5) % 225000);
  } else if (resultCode === 'NA') ended = started + 30000 + (hash32(i, 6) % 15000);
  else if (resultCode === 'BS') ended = started + 2000 + (hash32(i, 6) % 4000);
  else ended = started + (hash32(i, 6) % 3000);
  const blocks = successful ? Math.ceil((ended - (answered as number)) / 60000) : 0;
  const callId = `${shape.idPrefix}${pad(i, 8)}`;
  return {
    callId,
    campaignId: campaignId(c),
    campaignName: `Campaign ${c + 1}`,
    botId: botId(b),
    botName: `Voicebot ${b + 1}`,
    customerId: `cus_${pad(customer, 8)}`,
    phone: `+849${pad(customer % 100_000_000, 8)}`,
    attempt,
    startedAt: new Date(started).toISOString(),
    answeredAt: answered === null ? null : new Date(answered).toISOString(),
    endedAt: new Date(ended).toISOString(),
    resultCode,
    messages: successful ? 2 + (hash32(i, 7) % 19) : null,
    blocks,
    cost: `${blocks * PRICE_PER_BLOCK}.00`,
    recordingUrl: successful ? `https://recordings.example.com/${campaignId(c)}/${callId}.mp3` : null,
  };
}

export function csvLine(row: CallRow): string {
  return `${row.callId},${row.campaignId},${row.campaignName},${row.botId},${row.botName},${row.customerId},${row.phone},${row.attempt},${row.startedAt},${row.answeredAt ?? ''},${row.endedAt},${row.resultCode},${row.messages ?? ''},${row.blocks},${row.cost},${row.recordingUrl ?? ''}\n`;
}

/** One `call.completed` event as the platform sends it (numbers as numbers, absent when empty). */
export function callEvent(row: CallRow): Record<string, unknown> {
  return {
    type: 'call.completed',
    call_id: row.callId,
    campaign_id: row.campaignId,
    campaign_name: row.campaignName,
    bot_id: row.botId,
    bot_name: row.botName,
    customer_id: row.customerId,
    phone: row.phone,
    attempt: row.attempt,
    started_at: row.startedAt,
    ...(row.answeredAt ? { answered_at: row.answeredAt } : {}),
    ended_at: row.endedAt,
    result_code: row.resultCode,
    ...(row.messages !== null ? { messages: row.messages } : {}),
    blocks: row.blocks,
    cost: Number(row.cost),
    ...(row.recordingUrl ? { recording_url: row.recordingUrl } : {}),
  };
}

/** Writes the CSV unless a complete one of the same shape is already there; returns its size in bytes. */
export async function writeCallsCsv(
  filePath: string,
  shape: CallShape,
): Promise<{ bytes: number; reused: boolean; ms: number }> {
  const started = Date.now();
  const doneMarker = `${filePath}.complete`;
  if (
    fs.existsSync(filePath) &&
    fs.existsSync(doneMarker) &&
    fs.readFileSync(doneMarker, 'utf8') === JSON.stringify(shape)
  ) {
    return { bytes: fs.statSync(filePath).size, reused: true, ms: Date.now() - started };
  }
  fs.rmSync(doneMarker, { force: true });
  const out = fs.createWriteStream(filePath);
  let chunk = `${CSV_HEADER}\n`;
  for (let i = 0; i < shape.rows; i += 1) {
    chunk += csvLine(callRow(i, shape));
    if (chunk.length > 1 << 20) {
      if (!out.write(chunk)) await once(out, 'drain');
      chunk = '';
    }
  }
  out.end(chunk);
  await once(out, 'finish');
  fs.writeFileSync(doneMarker, JSON.stringify(shape));
  return { bytes: fs.statSync(filePath).size, reused: false, ms: Date.now() - started };
}
