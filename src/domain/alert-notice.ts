import { AlertEvent, AlertRule } from './alert-rules';

/** The figures behind a firing or clearing, by rule (docs/alerts.md shows each message). */
export type AlertFigures = Record<string, string | number | null>;
export type ClearReason = 'recovered' | 'completed' | 'month-ended' | 'rule-off';

/** One alert message, as every surface renders it: what crossed which threshold, with the figures. */
export interface AlertNotice {
  rule: AlertRule;
  event: AlertEvent;
  accountId: string;
  campaignId: string | null;
  campaignName: string | null;
  botId: string;
  /** The figures at the firing, or at the clearing for a clearing. */
  figures: AlertFigures;
  clearReason: ClearReason | null;
  at: Date;
  locale: string;
  timeZone: string;
}
