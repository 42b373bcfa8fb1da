import { CallRow } from '../domain/report-model';
import { Messages } from './i18n/messages';

/** Why a row's phone or recording is blank ("removed by retention"), or null when nothing was removed. */
export function removedReason(row: Pick<CallRow, 'personalDataRemoved'>, m: Messages): string | null {
  if (!row.personalDataRemoved) return null;
  return m.t(
    row.personalDataRemoved === 'forgotten' ? 'personalData.removed.forgotten' : 'personalData.removed.retention',
  );
}

/** The phone cell: masked, or why there is none. */
export function phoneOrReason(
  row: Pick<CallRow, 'phone' | 'personalDataRemoved'>,
  m: Messages,
  show: (phone: string) => string,
): string {
  if (row.phone) return show(row.phone);
  return removedReason(row, m) ?? '';
}

/** The footnotes saying how many of the rows shown lost their personal data, and why. */
export function removedNotes(rows: readonly Pick<CallRow, 'personalDataRemoved'>[], m: Messages): string[] {
  const forgotten = rows.filter((row) => row.personalDataRemoved === 'forgotten').length;
  const retention = rows.filter((row) => row.personalDataRemoved === 'retention').length;
  return [
    ...(forgotten > 0 ? [m.t('personalData.note.forgotten', { count: forgotten })] : []),
    ...(retention > 0 ? [m.t('personalData.note.retention', { count: retention })] : []),
  ];
}
