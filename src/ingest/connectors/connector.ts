import { CallRecord } from '../../domain/call-record';
import { ReasonCategory } from '../../domain/platform-outcome';
import { SignatureCheck } from '../../domain/webhook-signature';
import { FieldProblem } from '../validate-record';

/**
 * One voice platform's webhook (docs/connectors.md): how it signs, and how one of its calls becomes one
 * call record. A connector does no I/O; ingestPlatformCall stores what it reads exactly as /v1/events does.
 * Adding a platform is one file implementing this, listed in connector-registry.ts.
 */
export interface ConnectorRequest {
  rawBody: Buffer;
  /** A request header by its lower-case name. */
  header(name: string): string | undefined;
  /** The URL the platform called, as it sees it: PUBLIC_BASE_URL with the request's path and query. */
  publicUrl: string;
  /** Query parameters, first value of each. */
  query: Record<string, string>;
}

/**
 * One platform call, in the platform's terms turned into ours: the call record's fields before its attempt,
 * result code and blocks are derived (answeredAt: when the platform says the call connected; cost: decimal
 * text in the platform's currency).
 */
export interface PlatformCall extends Pick<
  CallRecord,
  | 'callId'
  | 'campaignId'
  | 'campaignName'
  | 'botId'
  | 'botName'
  | 'customerId'
  | 'phone'
  | 'startedAt'
  | 'answeredAt'
  | 'endedAt'
  | 'messages'
  | 'cost'
  | 'recordingUrl'
> {
  /** The platform's own reason for the end of the call, as sent. */
  reason: string;
  /** Where the account's outcome field is looked up (the platform's analysis data), or null. */
  outcomes: Record<string, unknown> | null;
  /** How complete this event is: a call stored from a more complete event is not replaced by a less complete one. */
  detail: number;
}

export type ConnectorRead =
  | { kind: 'call'; call: PlatformCall }
  /** An event the bot does not use: answered 204 so the platform does not retry it. */
  | { kind: 'ignored'; what: string }
  | { kind: 'invalid'; problems: FieldProblem[] };

export interface Connector {
  platform: string;
  /** The secret the account gives (named in messages and docs). */
  secretName: string;
  /** What else a wrong signature may mean, e.g. Twilio's signed URL (said in every 401 for a wrong secret). */
  signingHint?: string;
  /** Currency of the costs the platform reports: new voicebots of the platform get it as their tariff currency. */
  costCurrency: string | null;
  verify(request: ConnectorRequest, secret: string, now: Date): SignatureCheck;
  read(request: ConnectorRequest, now: Date): ConnectorRead;
  /** What a reason means, or null for one the connector does not know (stored as unmapped). */
  categorize(reason: string): ReasonCategory | null;
}

/**
 * The one 401 reason for a signature made with another secret and for an account without this connector,
 * so that the answer never tells whether an account exists.
 */
export function wrongSecretReason(connector: Pick<Connector, 'platform' | 'secretName' | 'signingHint'>): string {
  const hint = connector.signingHint ? `; ${connector.signingHint}` : '';
  return (
    `unknown account or wrong signature: give this account's ${connector.platform} connector ${connector.secretName} ` +
    `(npm run cli -- connector ${connector.platform} --account <account_id>)${hint}`
  );
}
