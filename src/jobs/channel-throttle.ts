import { Redis } from 'ioredis';
import { DeliveryTarget } from '../domain/delivery';
import { idPart } from '../domain/delivery-ids';

/**
 * At most one message per interval in each chat channel, across every worker process: each send
 * reserves the next free slot of its channel in Redis (one atomic script). A delivery keeps its
 * reservation while it waits, so a job sent back to the queue delayed finds its own slot again.
 */
const RESERVE_SCRIPT = `
local now = tonumber(ARGV[1])
local interval = tonumber(ARGV[2])
local mine = redis.call('GET', KEYS[2])
if mine and tonumber(mine) >= now - interval then
  return tonumber(mine)
end
local nextFree = tonumber(redis.call('GET', KEYS[1]) or '0')
local slot = math.max(now, nextFree)
redis.call('SET', KEYS[1], slot + interval, 'PX', slot - now + interval + 60000)
redis.call('SET', KEYS[2], slot, 'PX', slot - now + interval + 600000)
return slot
`;

const PUSH_BACK_SCRIPT = `
local until_ = tonumber(ARGV[1])
local nextFree = tonumber(redis.call('GET', KEYS[1]) or '0')
if until_ > nextFree then
  redis.call('SET', KEYS[1], until_, 'PX', until_ - tonumber(ARGV[2]) + 60000)
end
return 1
`;

/**
 * Right before a message goes out: the send instant, at least one interval after the channel's last send
 * (recorded here), and the next free slot moved past it. Slots space the reservations; the work between a
 * slot and its send (rendering, uploading charts) varies, so the spacing is kept at the send itself.
 */
const SEND_GATE_SCRIPT = `
local now = tonumber(ARGV[1])
local interval = tonumber(ARGV[2])
local last = tonumber(redis.call('GET', KEYS[1]) or '0')
local at = math.max(now, last + interval)
redis.call('SET', KEYS[1], at, 'PX', at - now + interval + 60000)
local nextFree = tonumber(redis.call('GET', KEYS[2]) or '0')
if at + interval > nextFree then
  redis.call('SET', KEYS[2], at + interval, 'PX', at - now + interval + 60000)
end
return at
`;

export interface ChannelThrottle {
  /** The instant (ms) this delivery may send at; now or later. */
  reserve(target: DeliveryTarget, deliveryId: string): Promise<number>;
  /** The instant (ms) a message may go out now that it is ready: one interval after the channel's last. */
  sendAt(target: DeliveryTarget): Promise<number>;
  /** The deliveries have used (or given up) their slots. */
  release(...deliveryIds: string[]): Promise<void>;
  /** The platform said the channel is rate limited until `untilMs`: nobody sends there before. */
  pushBack(target: DeliveryTarget, untilMs: number): Promise<void>;
}

export function createChannelThrottle(
  redis: Redis,
  prefix: string,
  intervalMs: number,
  now: () => number = Date.now,
): ChannelThrottle {
  const channelKey = (target: DeliveryTarget) =>
    `${prefix}:channel-slot:${target.kind}:${idPart(target.workspaceId ?? '-')}:${idPart(target.destination)}`;
  const sentKey = (target: DeliveryTarget) =>
    `${prefix}:channel-sent:${target.kind}:${idPart(target.workspaceId ?? '-')}:${idPart(target.destination)}`;
  const deliveryKey = (deliveryId: string) => `${prefix}:delivery-slot:${deliveryId}`;
  return {
    async reserve(target, deliveryId) {
      const slot = await redis.eval(
        RESERVE_SCRIPT,
        2,
        channelKey(target),
        deliveryKey(deliveryId),
        String(now()),
        String(intervalMs),
      );
      return Number(slot);
    },
    async sendAt(target) {
      const at = await redis.eval(
        SEND_GATE_SCRIPT,
        2,
        sentKey(target),
        channelKey(target),
        String(now()),
        String(intervalMs),
      );
      return Number(at);
    },
    async release(...deliveryIds) {
      if (deliveryIds.length > 0) await redis.del(...deliveryIds.map(deliveryKey));
    },
    async pushBack(target, untilMs) {
      await redis.eval(PUSH_BACK_SCRIPT, 1, channelKey(target), String(untilMs), String(now()));
    },
  };
}
