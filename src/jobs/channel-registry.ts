import { ChannelKind, DeliveryChannel } from '../domain/delivery';

/**
 * The delivery channels this process can use, by kind. Fan-out only plans deliveries for registered
 * kinds; Teams joins by registering one more channel.
 */
export class ChannelRegistry {
  private readonly channels = new Map<ChannelKind, DeliveryChannel>();

  constructor(channels: readonly DeliveryChannel[] = []) {
    for (const channel of channels) this.register(channel);
  }

  register(channel: DeliveryChannel): this {
    this.channels.set(channel.kind, channel);
    return this;
  }

  get(kind: ChannelKind): DeliveryChannel | undefined {
    return this.channels.get(kind);
  }

  kinds(): Set<ChannelKind> {
    return new Set(this.channels.keys());
  }

  /** Kinds whose messages are edited in place when a campaign changes. */
  editableKinds(): ChannelKind[] {
    return [...this.channels.values()].filter((channel) => channel.editable).map((channel) => channel.kind);
  }
}

/** Chat channels share Slack's and Teams' rule of thumb: one message per second per channel. */
export function isThrottledKind(kind: ChannelKind): boolean {
  return kind === 'slack' || kind === 'teams';
}
