import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { DeliveryTarget } from '../../../src/domain/delivery';
import { createChannelThrottle } from '../../../src/jobs/channel-throttle';
import { TEST_REDIS_URL } from '../delivery/support/delivery-env';

/** The per-channel spacing of src/jobs/channel-throttle.ts against the real Redis, on a clock the test moves. */
const channel: DeliveryTarget = { kind: 'slack', workspaceId: 'T1', destination: 'C0THROTTLE' };
const other: DeliveryTarget = { kind: 'slack', workspaceId: 'T1', destination: 'C0OTHER' };
let redis: Redis;
let prefix: string;
let now = 1_000_000;

beforeAll(() => {
  redis = new Redis(TEST_REDIS_URL);
});
beforeEach(() => {
  prefix = `test-throttle-${randomBytes(4).toString('hex')}`;
  now = 1_000_000;
});
afterAll(async () => {
  const keys = await redis.keys('test-throttle-*');
  if (keys.length > 0) await redis.del(...keys);
  await redis.quit();
});

describe('the channel throttle', () => {
  it('gives reservations of one channel slots one interval apart, and other channels their own', async () => {
    const throttle = createChannelThrottle(redis, prefix, 1000, () => now);
    expect(await throttle.reserve(channel, 'd1')).toBe(1_000_000);
    expect(await throttle.reserve(channel, 'd2')).toBe(1_001_000);
    expect(await throttle.reserve(channel, 'd1')).toBe(1_000_000); // a delivery keeps its reservation
    expect(await throttle.reserve(other, 'd3')).toBe(1_000_000);
  });

  it('keeps sends one interval apart even when the work after a slot takes longer for the first', async () => {
    const throttle = createChannelThrottle(redis, prefix, 1000, () => now);
    const first = await throttle.reserve(channel, 'd1');
    const second = await throttle.reserve(channel, 'd2');
    // The first spends 300 ms drawing and uploading charts after its slot; the second is ready at once.
    now = first + 300;
    expect(await throttle.sendAt(channel)).toBe(first + 300);
    now = second;
    expect(await throttle.sendAt(channel)).toBe(first + 1300);
    // A reservation made now comes after the last send, not after the old slots.
    now = second + 10;
    expect(await throttle.reserve(channel, 'd3')).toBe(first + 2300);
    expect(await throttle.sendAt(other)).toBe(second + 10);
  });
});
