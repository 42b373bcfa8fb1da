/**
 * Every sentence of the catalog that may be said this way (`said.<key>` in render/i18n/en.ts, which the
 * type of the catalog and render/said.ts check both ways): a mistyped key fails the type check.
 */
export type SaidKey =
  | 'noAccount'
  | 'whichCampaign'
  | 'ambiguousCampaign'
  | 'noCampaignMatches'
  | 'noCampaignInAccount'
  | 'noVoicebot'
  | 'noTarget'
  | 'campaignHasNoDigest'
  | 'noRecording'
  | 'recordingsOff'
  | 'subscribed'
  | 'unsubscribed'
  | 'noSubscription'
  | 'inviteMeFirst'
  | 'notInstalled'
  | 'reinstallForDms'
  | 'cannotDm'
  | 'csvSent'
  | 'buttonOutOfDate'
  | 'target.all'
  | 'target.bot'
  | 'target.campaign'
  | 'reports.summaries'
  | 'reports.digest'
  | 'reports.live'
  | 'reports.alerts'
  | 'reports.nothing'
  | 'reports.list2'
  | 'reports.list3'
  | 'reports.list4'
  | 'subscribedIn'
  | 'pickSubscribeTarget'
  | 'pickSubscribeOption'
  | 'pickCampaignFirst'
  | 'subscriptionGone'
  | 'homeUnsubscribed'
  | 'alert.badBudget'
  | 'alert.budgetOff'
  | 'alert.budgetPerBot'
  | 'alert.budgetSet'
  | 'alert.changed'
  | 'alert.missingValue'
  | 'alert.notFactor'
  | 'alert.notMinutes'
  | 'alert.notPercent'
  | 'alert.turnedOff'
  | 'alert.unknownRule'
  | 'alert.over100';

/**
 * What to tell a person, as a key of the message catalog (`said.<key>`) and its values, so that a chat
 * answer comes in the account's language. A value may itself be something said (a target, a report kind).
 */
export interface Said {
  key: SaidKey;
  values?: Record<string, string | Said>;
}

/**
 * Errors that carry a message a person can act on. Layers above map them to exit codes and HTTP statuses;
 * `said` words the same message for the catalog, when chat users may read it.
 */
export class InvalidInput extends Error {
  readonly code = 'invalid_input';
  /** `problems` may list only the first ones found; `problemsTotal` counts them all. */
  constructor(
    message: string,
    readonly problems: readonly Problem[] = [],
    readonly problemsTotal: number = problems.length,
    readonly said?: Said,
  ) {
    super(message);
    this.name = 'InvalidInput';
  }
}

export class NotFound extends Error {
  readonly code = 'not_found';
  constructor(
    message: string,
    readonly said?: Said,
  ) {
    super(message);
    this.name = 'NotFound';
  }
}

/** One thing wrong with one record: where it is (file line or request index), which field, and what to do. */
export interface Problem {
  line?: number;
  index?: number;
  field: string;
  message: string;
}

/** A service the program needs does not answer; the message is one line: which, where, and what to do. */
export class Unreachable extends Error {
  readonly code = 'unreachable';
  constructor(message: string) {
    super(message);
    this.name = 'Unreachable';
  }
}

const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ECONNRESET',
  'EPIPE',
]);

/** The network error code behind an error (also inside an AggregateError, as Node's dual-stack connect throws). */
export function networkErrorCode(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && NETWORK_CODES.has(code)) return code;
  const inner = (error as { errors?: unknown[] } | null)?.errors;
  return Array.isArray(inner) ? inner.map(networkErrorCode).find(Boolean) : undefined;
}

/** host:port of a service URL, never its user or password. */
export function whereOf(url: string, defaultPort: number): string {
  try {
    const parsed = new URL(url);
    return `${parsed.hostname || 'localhost'}:${parsed.port || defaultPort}`;
  } catch {
    return 'an unparsable URL';
  }
}

/** Keeps the first `limit` problems and counts every one, so an answer about bad input stays small. */
export class ProblemList {
  readonly listed: Problem[] = [];
  total = 0;
  constructor(readonly limit: number) {}
  add(problem: Problem): void {
    this.total += 1;
    if (this.listed.length < this.limit) this.listed.push(problem);
  }
}
