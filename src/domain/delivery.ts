import { Platform } from './platforms';
import { AlertNotice } from './alert-notice';
import { CampaignReport, UsageReport } from './report-model';

/**
 * Automatic delivery, as plain types: what goes out (a report), where (a target), and the contract every
 * delivery channel (Slack, email, Teams) fulfils. The delivery job owns the ledger and the retries; a
 * channel only talks to its platform.
 */

/** The platform a delivery channel posts to (domain/platforms). */
export type ChannelKind = Platform;
export type ReportKind = 'campaign' | 'digest' | 'alert';

/** Which report: a campaign's overview, or an account's monthly usage digest. */
export interface ReportSubject {
  kind: ReportKind;
  accountId: string;
  /** Campaign id, the month (YYYY-MM) of a digest, or `<episode id>-<fire or clear>` of an alert. */
  ref: string;
}

export interface DeliveryTarget {
  kind: ChannelKind;
  /** Slack team id or Teams tenant id; null for email. */
  workspaceId: string | null;
  /** Channel id, conversation id or email address. */
  destination: string;
}

/** One key per destination, for grouping deliveries by where they go. */
export function targetKey(target: DeliveryTarget): string {
  return JSON.stringify([target.kind, target.workspaceId, target.destination]);
}

/** Why a live message was sent (docs/live.md): how often it changes and who asked for it. */
export interface LiveNote {
  updateSeconds: number;
  /** The platform user who subscribed the destination (Slack user id), when known. */
  subscribedBy: string | null;
}

export type DeliverableReport =
  | {
      kind: 'campaign';
      subject: ReportSubject;
      report: CampaignReport;
      fullReportUrl: string | null;
      /** Set for a destination's live message: while the campaign runs it shows the live progress alone. */
      live?: LiveNote;
    }
  | { kind: 'digest'; subject: ReportSubject; report: UsageReport }
  | { kind: 'alert'; subject: ReportSubject; notice: AlertNotice };

/** The live note when this delivery shows live progress now (a live message of a running campaign), else null. */
export function liveNoteOf(report: DeliverableReport): LiveNote | null {
  return report.kind === 'campaign' && report.live && report.report.overview.progress ? report.live : null;
}

/** What a destination received, so that it can be found or edited later. */
export interface MessageRef {
  /** Slack ts, email Message-ID, Teams activity id. */
  id: string;
  /** Where the message lives when the platform says so (Slack's channel id); null otherwise. */
  container: string | null;
  /** Set by findExisting when the platform cannot be asked and delivery is assumed (email). */
  assumed?: boolean;
}

export interface DeliveryAttempt {
  deliveryId: string;
  target: DeliveryTarget;
  /** When the ledger row was made: nothing of this delivery can be older. */
  since: Date;
  /** The ref the ledger holds: planned before the first attempt (email) or delivered (chat). */
  ref: MessageRef | null;
  /** An alert's thread: the campaign's message at this destination, when it has one (docs/alerts.md). */
  thread?: MessageRef | null;
  /**
   * Call right before the step that cannot be taken back (the post, the end of the SMTP DATA); it
   * records in the ledger that the destination may now have the message. Never take the step if it throws.
   */
  beforeIrreversible(): Promise<void>;
  /**
   * A read the job shares among the rows it delivers (a batch reads a workspace's look once): the first
   * call with a key reads, the others get its answer. Absent: read each time.
   */
  readOnce?: ReadOnce;
}

export type ReadOnce = <T>(key: string, read: () => Promise<T>) => Promise<T>;

/** A ReadOnce for one job: its answers live as long as the job. */
export function readOncePerJob(): ReadOnce {
  const reads = new Map<string, Promise<unknown>>();
  return <T>(key: string, read: () => Promise<T>) => {
    if (!reads.has(key)) reads.set(key, read());
    return reads.get(key) as Promise<T>;
  };
}

export interface DeliveryChannel {
  readonly kind: ChannelKind;
  /** Chat messages are edited in place when the report changes; an email cannot be. */
  readonly editable: boolean;
  /** A ref fixed before the first attempt (email's Message-ID); null when the platform assigns one. */
  plannedRef(deliveryId: string, target: DeliveryTarget): MessageRef | null;
  /**
   * The ledger says an earlier attempt may have reached the destination (it crashed or lost the answer
   * after beforeIrreversible): the message when it is there (or must be assumed there), null when it
   * certainly is not and posting is safe.
   */
  findExisting(attempt: DeliveryAttempt): Promise<MessageRef | null>;
  post(report: DeliverableReport, attempt: DeliveryAttempt): Promise<MessageRef>;
  /** Replaces the delivered message with this report (marked "updated"); never posts a new one. */
  update(report: DeliverableReport, attempt: DeliveryAttempt, ref: MessageRef): Promise<MessageRef>;
  /** Tells the person who set the destination up that it broke and why; best effort, never throws. */
  notifyBroken(target: DeliveryTarget, userId: string, reason: string, subject: ReportSubject): Promise<void>;
}
