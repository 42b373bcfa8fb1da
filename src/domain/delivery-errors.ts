/**
 * Typed delivery failures (docs/architecture.md: PermanentDeliveryError / TransientDeliveryError). The
 * delivery job reads them by shape (`permanent`, `retryAfterMs`, `breaksSubscription`, `notDelivered`), so
 * a channel may throw its own classes with the same fields (the Teams adapter does).
 */

/** Sending again cannot help: the job stops without retrying. */
export class PermanentDeliveryError extends Error {
  readonly permanent = true;
  constructor(
    message: string,
    /** The platform's code (`channel_not_found`, `smtp_550`…). */
    readonly reason: string,
    /** The destination itself is gone or closed to us: its subscriptions are marked broken. */
    readonly breaksSubscription: boolean,
  ) {
    super(message);
    this.name = 'PermanentDeliveryError';
  }
}

/** Worth another try later (rate limits, 5xx, timeouts, a busy ledger row). */
export class TransientDeliveryError extends Error {
  readonly permanent = false;
  constructor(
    message: string,
    readonly reason: string,
    /** What the platform asked for (Retry-After), in milliseconds. */
    readonly retryAfterMs?: number,
    /** The platform certainly did not take the message (it refused it): no crash healing is needed. */
    readonly notDelivered = false,
  ) {
    super(message);
    this.name = 'TransientDeliveryError';
  }
}

export interface DeliveryErrorShape {
  permanent?: unknown;
  reason?: unknown;
  retryAfterMs?: unknown;
  breaksSubscription?: unknown;
  notDelivered?: unknown;
  message?: unknown;
}

export function isPermanentDeliveryError(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as DeliveryErrorShape).permanent === true;
}

export function retryAfterMsOf(error: unknown): number | undefined {
  const value = typeof error === 'object' && error !== null ? (error as DeliveryErrorShape).retryAfterMs : undefined;
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : undefined;
}

export function breaksSubscription(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as DeliveryErrorShape).breaksSubscription === true;
}

export function wasNotDelivered(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as DeliveryErrorShape).notDelivered === true;
}

export function errorReason(error: unknown): string {
  if (typeof error === 'object' && error !== null) {
    const { reason, message } = error as DeliveryErrorShape;
    if (typeof reason === 'string' && reason) return reason;
    if (typeof message === 'string' && message) return message;
  }
  return String(error);
}
