import { parseRequestEvents, validateRequestEvents } from '../../../src/ingest/ingest-request';
import { prepareItemsInTurns } from '../../../src/ingest/store-items';

const call = (i: number) => ({
  type: 'call.completed',
  call_id: `c${i}`,
  campaign_id: 'k',
  bot_id: 'b',
  customer_id: `u${i}`,
  started_at: '2026-11-20T03:00:00Z',
  answered_at: '2026-11-20T03:00:05Z',
  ended_at: '2026-11-20T03:01:05Z',
  result_code: 'paid',
});

/** Counts the turns the event loop gets while `work` runs. */
async function turnsDuring(work: () => Promise<unknown>): Promise<number> {
  let turns = 0;
  let running = true;
  const tick = () => {
    turns += 1;
    if (running) setImmediate(tick);
  };
  setImmediate(tick);
  await work();
  running = false;
  return turns;
}

describe('a large request leaves the event loop turns', () => {
  const events = Array.from({ length: 10_000 }, (_, i) => call(i));
  const body = Buffer.from(JSON.stringify(events));

  it('between reading, validating and preparing the slices of 10,000 events', async () => {
    expect(await turnsDuring(() => parseRequestEvents(body, 'application/json'))).toBeGreaterThanOrEqual(2);
    const parsed = await parseRequestEvents(body, 'application/json');
    expect(await turnsDuring(() => validateRequestEvents(parsed))).toBeGreaterThanOrEqual(9);
    const items = await validateRequestEvents(parsed);
    expect(await turnsDuring(() => prepareItemsInTurns(items, 1000))).toBeGreaterThanOrEqual(9);
    expect((await prepareItemsInTurns(items, 1000)).latest.size).toBe(10_000);
  });
});
