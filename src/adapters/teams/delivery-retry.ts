import { PermanentTeamsDeliveryError, TeamsDeliveryError, TransientTeamsDeliveryError } from './delivery-errors';

/**
 * Teams faults worth another try right away: throttled (429), a concurrent change (412), and the
 * gateway errors of a busy service (502, 504). botbuilder's HTTP client already retries 429 (honouring
 * Retry-After) and 5xx a few times inside one call; this bounds the whole operation on top of it.
 */
export const RETRYABLE_TEAMS_STATUSES: ReadonlySet<number> = new Set([412, 429, 502, 504]);

export interface TeamsRetryPolicy {
  /** Attempts in all, the first included. */
  attempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  random?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

export const DEFAULT_TEAMS_RETRY_POLICY: TeamsRetryPolicy = { attempts: 4, baseDelayMs: 500, maxDelayMs: 10_000 };

export type TeamsOperation = 'post' | 'update';

interface ErrorShape {
  statusCode?: unknown;
  status?: unknown;
  code?: unknown;
  message?: unknown;
  response?: { headers?: unknown; status?: unknown; bodyAsText?: unknown };
}

function statusOf(error: ErrorShape): number | undefined {
  const status = error.statusCode ?? error.status ?? error.response?.status;
  return typeof status === 'number' ? status : undefined;
}

function headerOf(headers: unknown, name: string): string | undefined {
  if (!headers || typeof headers !== 'object') return undefined;
  const getter = (headers as { get?: unknown }).get;
  const value = typeof getter === 'function' ? getter.call(headers, name) : (headers as Record<string, unknown>)[name];
  return typeof value === 'string' ? value : undefined;
}

/** Retry-After as seconds or an HTTP date, in milliseconds. */
export function retryAfterMsOf(error: unknown, now = Date.now()): number | undefined {
  const value = headerOf((error as ErrorShape | null)?.response?.headers, 'retry-after');
  if (value === undefined) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

/** Teams' error code (`ActivityNotFound`, `BotNotInConversationRoster`…), from the error or its body. */
function teamsCodeOf(error: ErrorShape): string | undefined {
  if (typeof error.code === 'string' && !/^[A-Z_]+$/.test(error.code)) return error.code;
  const body = error.response?.bodyAsText;
  if (typeof body !== 'string') return undefined;
  try {
    const code = (JSON.parse(body) as { error?: { code?: unknown } }).error?.code;
    return typeof code === 'string' ? code : undefined;
  } catch {
    return undefined;
  }
}

/** What a failed Connector call means for the delivery. */
export function classifyTeamsError(error: unknown, operation: TeamsOperation): TeamsDeliveryError {
  if (error instanceof PermanentTeamsDeliveryError || error instanceof TransientTeamsDeliveryError) return error;
  const shape = (error ?? {}) as ErrorShape;
  const status = statusOf(shape);
  const teamsCode = teamsCodeOf(shape);
  const detail = `${typeof shape.message === 'string' ? shape.message : String(error)}`;
  const what = `Teams ${operation} failed${status ? ` with ${status}` : ''}${teamsCode ? ` ${teamsCode}` : ''}`;
  if (status === 403) {
    return new PermanentTeamsDeliveryError(
      `${what}: the bot is no longer in this conversation (${detail})`,
      'bot_removed',
      status,
      teamsCode,
    );
  }
  if (status === 404) {
    const messageGone = operation === 'update' && (teamsCode === 'ActivityNotFound' || /activity/i.test(detail));
    return messageGone
      ? new PermanentTeamsDeliveryError(
          `${what}: the message to update was deleted (${detail})`,
          'message_not_found',
          status,
          teamsCode,
        )
      : new PermanentTeamsDeliveryError(
          `${what}: the conversation does not exist (${detail})`,
          'conversation_not_found',
          status,
          teamsCode,
        );
  }
  if (status === 400 || status === 413) {
    return new PermanentTeamsDeliveryError(
      `${what}: Teams refused the message (${detail})`,
      'rejected',
      status,
      teamsCode,
    );
  }
  const refused = status !== undefined && status >= 400 && status < 500;
  return new TransientTeamsDeliveryError(
    `${what}: ${detail}`,
    reasonFor(status),
    status,
    teamsCode,
    retryAfterMsOf(error),
    refused,
  );
}

/** The pipeline's reason codes: `ratelimited` (it then holds the conversation's slot back), else Teams' status. */
function reasonFor(status: number | undefined): string {
  if (status === 429) return 'ratelimited';
  return status ? `teams_${status}` : 'teams_unreachable';
}

/** Exponential backoff with jitter (half fixed, half random), never below what Retry-After asked. */
export function retryDelayMs(attempt: number, policy: TeamsRetryPolicy, retryAfterMs?: number): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
  const jittered = ceiling / 2 + (policy.random ?? Math.random)() * (ceiling / 2);
  return Math.round(Math.min(policy.maxDelayMs, Math.max(retryAfterMs ?? 0, jittered)));
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export interface RetryNotice {
  attempt: number;
  delayMs: number;
  error: TransientTeamsDeliveryError;
}

/**
 * Runs a Connector call, retrying 412, 429, 502 and 504 a bounded number of times; anything else, or
 * the last failure, is thrown typed: permanent (403, 404…) or transient (left to the job's own retries).
 * An error marked `passThrough` (the caller's own step) goes out untouched.
 */
export async function withTeamsRetry<T>(
  operation: TeamsOperation,
  call: () => Promise<T>,
  policy: TeamsRetryPolicy = DEFAULT_TEAMS_RETRY_POLICY,
  onRetry?: (notice: RetryNotice) => void,
): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await call();
    } catch (error) {
      if ((error as { passThrough?: unknown } | null)?.passThrough === true) throw error;
      const typed = classifyTeamsError(error, operation);
      const retryable =
        typed instanceof TransientTeamsDeliveryError &&
        typed.status !== undefined &&
        RETRYABLE_TEAMS_STATUSES.has(typed.status);
      if (!retryable || attempt >= policy.attempts) throw typed;
      const delayMs = retryDelayMs(attempt, policy, typed.retryAfterMs);
      onRetry?.({ attempt, delayMs, error: typed });
      await (policy.sleep ?? sleep)(delayMs);
    }
  }
}
