import { TEMP_CSV_DIR_PREFIX } from '../domain/personal-data-files';

/**
 * Every place that holds personal data of the people who were called (docs/security.md "Personal data").
 * forget, export-customer and retention read this list; a test fails when a migration adds a column that
 * looks personal (see PERSONAL_LOOKING_COLUMN) and is in neither list below.
 */
export interface PersonalColumn {
  table: string;
  column: string;
  /** What forget does: a pseudonym shared by the customer's rows, or erased (null). */
  forget: 'pseudonym' | 'erase';
  /** What retention does after the account's period: erased, or kept (a customer id keeps figures exact). */
  retention: 'erase' | 'keep';
}

export const PERSONAL_DATA_COLUMNS: readonly PersonalColumn[] = [
  { table: 'calls', column: 'customer_id', forget: 'pseudonym', retention: 'keep' },
  { table: 'calls', column: 'phone', forget: 'erase', retention: 'erase' },
  { table: 'calls', column: 'recording_url', forget: 'erase', retention: 'erase' },
  { table: 'campaign_customers', column: 'customer_id', forget: 'pseudonym', retention: 'keep' },
];

/** Columns whose names look personal but hold none, each with the reason. */
export const NOT_PERSONAL_COLUMNS: Readonly<Record<string, string>> = {
  'calls.personal_data_removed': 'why a call has no phone or recording: forgotten or retention',
  'accounts.retain_personal_days': "the account's retention period",
  'campaigns.customers_total': 'a count',
  'campaign_rollups.customers_called': 'a count',
  'campaign_rollups.customers_approached': 'a count',
};

/** Column names that suggest personal data; a migration adding one must list it above. */
export const PERSONAL_LOOKING_COLUMN =
  /phone|recording|payload|transcript|metadata|customer|caller|callee|dialled|dialed|msisdn|personal|address|body/;

/**
 * Tables that hold no identifier in clear but are reached by the erasure anyway:
 * - connector_calls: the platform's reason and business outcome of each call (no payload is stored: a
 *   connector keeps only the fields of a call record); kept, as it carries no identifier.
 * - signed_requests: the hex HMAC of each webhook request for 10 minutes (replay protection); it cannot
 *   be reversed without the account's ingest secret, and is purged after its window.
 * - forgotten_identifiers: keyed hashes of forgotten identifiers (never the identifiers).
 */
export const KEYED_OR_IDENTIFIER_FREE_TABLES = ['connector_calls', 'signed_requests', 'forgotten_identifiers'] as const;

/**
 * Redis: every key under the job queues' prefix (`<QUEUE_PREFIX>:report-control:*`, `report-delivery:*`)
 * and the channel throttle keys. Job payloads carry ids only, but a job's failure reason, stack trace or
 * return value may quote what a platform answered; forget rewrites any value that quotes an identifier.
 */
export const REDIS_PLACES = ['job hashes: data, opts, failedReason, stacktrace, returnvalue', 'job logs'] as const;

/** Files: a CSV export being uploaded to Slack, in os.tmpdir(). Email attachments are rendered when sent. */
export const FILE_PLACES = [`${TEMP_CSV_DIR_PREFIX}*/*.csv in os.tmpdir()`] as const;
