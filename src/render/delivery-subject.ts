import { ReportSubject } from '../domain/delivery';
import { Messages } from './i18n/messages';

/** What could not be posted, in the reader's language: "the report of campaign cmp-1", "the usage digest for 2026-10". */
export function deliverySubjectText(subject: ReportSubject, m: Messages): string {
  return m.t(subject.kind === 'campaign' ? 'broken.campaign' : 'broken.digest', { ref: subject.ref });
}
