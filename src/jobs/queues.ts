import { idPart } from '../domain/delivery-ids';

/**
 * Every queue, job name, payload and job id of automatic delivery, in one place. Payloads carry ids
 * only; job ids are derived from what the job does (no `:`), so adding the same work twice is a no-op
 * while the first job is still known to Redis, and the ledger makes it a no-op after that.
 */

export const QUEUE_NAMES = {
  /** Completion checks, fan-outs, digests and update checks: short database work. */
  control: 'report-control',
  /** One job per (report, destination): the calls to Slack, SMTP, Teams. */
  delivery: 'report-delivery',
} as const;

export const JOB_NAMES = {
  detectCompletion: 'detect-completion',
  fanOut: 'fan-out',
  digest: 'digest',
  checkUpdates: 'check-updates',
  deliver: 'deliver',
  update: 'update',
} as const;

export type ControlJobName =
  typeof JOB_NAMES.detectCompletion | typeof JOB_NAMES.fanOut | typeof JOB_NAMES.digest | typeof JOB_NAMES.checkUpdates;
export type DeliveryJobName = typeof JOB_NAMES.deliver | typeof JOB_NAMES.update;

/** The job scheduler (BullMQ) that runs detect-completion every COMPLETION_CHECK_SECONDS. */
export const COMPLETION_SCHEDULER_ID = 'detect-completion';

/** `at`: a check scheduled at a campaign's completion deadline (no sweep); absent: the periodic check. */
export interface DetectCompletionPayload {
  at?: number;
}
export interface FanOutPayload {
  accountId: string;
  campaignId: string;
}
export interface DigestPayload {
  accountId: string;
  /** YYYY-MM in the account's time zone. */
  month: string;
}
export interface CheckUpdatesPayload {
  /** null: every account. */
  accountId: string | null;
}
export interface DeliverPayload {
  deliveryId: string;
}
export interface UpdatePayload {
  deliveryId: string;
  /** The campaign revision that made the edit necessary. */
  revision: number;
}

export type ControlPayload = DetectCompletionPayload | FanOutPayload | DigestPayload | CheckUpdatesPayload;
export type DeliveryPayload = DeliverPayload | UpdatePayload;

export const jobIds = {
  fanOut: (accountId: string, campaignId: string) => `fanout-${idPart(accountId)}-${idPart(campaignId)}`,
  /** `digest-<account>-<YYYY-MM>`: two schedulers enqueueing the same month make one job. */
  digest: (accountId: string, month: string) => `digest-${idPart(accountId)}-${month}`,
  /** One check per account and second: ingests within a second share it (it runs after the second ends). */
  checkUpdates: (accountId: string | null, second: number) =>
    `updates-${accountId === null ? 'all' : idPart(accountId)}-${second}`,
  /** One check per deadline (ms): every tick that sees the same next deadline schedules the same job. */
  completionAt: (atMs: number) => `detect-completion-at-${atMs}`,
  deliver: (deliveryId: string) => `deliver-${deliveryId}`,
  update: (deliveryId: string, revision: number) => `update-${deliveryId}-r${revision}`,
};
