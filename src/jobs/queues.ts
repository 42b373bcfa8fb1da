import { idPart, shortHash } from '../domain/delivery-ids';

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
  retention: 'retention',
  /** One evaluation of a campaign after its calls were stored: the watchers of jobs/watch-job.ts. */
  watch: 'watch',
  deliver: 'deliver',
  /** The first posts of several ledger rows at once (a fan-out to many destinations): jobs/delivery-batch-job.ts. */
  deliverBatch: 'deliver-batch',
  update: 'update',
  /** One edit of a campaign's live message (docs/live.md). */
  liveEdit: 'live-edit',
} as const;

export type ControlJobName =
  | typeof JOB_NAMES.detectCompletion
  | typeof JOB_NAMES.fanOut
  | typeof JOB_NAMES.digest
  | typeof JOB_NAMES.checkUpdates
  | typeof JOB_NAMES.retention
  | typeof JOB_NAMES.watch;
export type DeliveryJobName =
  typeof JOB_NAMES.deliver | typeof JOB_NAMES.deliverBatch | typeof JOB_NAMES.update | typeof JOB_NAMES.liveEdit;

/** The job scheduler (BullMQ) that runs detect-completion every COMPLETION_CHECK_SECONDS. */
export const COMPLETION_SCHEDULER_ID = 'detect-completion';
/** The job scheduler of the daily personal-data retention (one id: several schedulers make one). */
export const RETENTION_SCHEDULER_ID = 'personal-data-retention';
/** Every day at 03:17 UTC; the retention_runs ledger makes it once per day whatever Redis does. */
export const RETENTION_PATTERN = '17 3 * * *';

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
/** The campaign a watch evaluates. */
export interface WatchPayload {
  accountId: string;
  campaignId: string;
}
export interface DeliverPayload {
  deliveryId: string;
}
/** The rows a batch posts, in the order it posts them. */
export interface DeliverBatchPayload {
  deliveryIds: string[];
}
export interface UpdatePayload {
  deliveryId: string;
  /** The campaign revision that made the edit necessary. */
  revision: number;
}

export interface LiveEditPayload {
  deliveryId: string;
  /** The live message's edit count when the edit was asked for: edits asked in between share the job. */
  edit: number;
}

export type ControlPayload =
  DetectCompletionPayload | FanOutPayload | DigestPayload | CheckUpdatesPayload | WatchPayload;
/** The payload of a job about one ledger row. */
export type RowPayload = DeliverPayload | UpdatePayload | LiveEditPayload;
export type DeliveryPayload = RowPayload | DeliverBatchPayload;

export const jobIds = {
  fanOut: (accountId: string, campaignId: string) => `fanout-${idPart(accountId)}-${idPart(campaignId)}`,
  /** `digest-<account>-<YYYY-MM>`: two schedulers enqueueing the same month make one job. */
  digest: (accountId: string, month: string) => `digest-${idPart(accountId)}-${month}`,
  /** One check per account and second: ingests within a second share it (it runs after the second ends). */
  checkUpdates: (accountId: string | null, second: number) =>
    `updates-${accountId === null ? 'all' : idPart(accountId)}-${second}`,
  /** `watch-<account>-<campaign>-<second>`: at most one evaluation of a campaign a second. */
  watch: (accountId: string, campaignId: string, second: number) =>
    `watch-${idPart(accountId)}-${idPart(campaignId)}-${second}`,
  /** One check per deadline (ms): every tick that sees the same next deadline schedules the same job. */
  completionAt: (atMs: number) => `detect-completion-at-${atMs}`,
  deliver: (deliveryId: string) => `deliver-${deliveryId}`,
  /** `batch-<hash of the ids>`: the same rows enqueued again while the batch is known make no second job. */
  deliverBatch: (deliveryIds: readonly string[]) => `batch-${shortHash(deliveryIds.join('\n'), 20)}`,
  /** A row a batch could not finish, on its own: one per row and batch job, whatever was done before. */
  handOff: (deliveryId: string, batchJobId: string) => `deliver-${deliveryId}-from-${batchJobId}`,
  /** `live-<delivery>-e<n>`: the edit that follows the live message's n-th; calls in between coalesce into it. */
  liveEdit: (deliveryId: string, edit: number) => `live-${deliveryId}-e${edit}`,
  update: (deliveryId: string, revision: number) => `update-${deliveryId}-r${revision}`,
};
