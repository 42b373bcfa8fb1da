import { ReportSubject } from '../domain/delivery';
import { Messages } from './i18n/messages';

/** What could not be posted, in the reader's language: "the report of campaign cmp-1", "the usage digest for 2026-10". */
export function deliverySubjectText(subject: ReportSubject, m: Messages): string {
  const key =
    subject.kind === 'campaign' ? 'broken.campaign' : subject.kind === 'alert' ? 'broken.alert' : 'broken.digest';
  return m.t(key, { ref: subject.ref });
}
