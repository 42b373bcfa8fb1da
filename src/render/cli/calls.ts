import { maskPhone } from '../../domain/phone-mask';
import { CallsReport } from '../../domain/report-model';
import { Messages } from '../i18n/messages';
import { describeCallFilter, messagesOf, showingNote } from '../report-figures';
import { Column, heading, lines, table } from './table';
import { phoneOrReason, removedNotes, removedReason } from '../personal-data-removed';

function callColumns(m: Messages): Column[] {
  return [
    { heading: m.t('calls.column.startedAt'), align: 'left' },
    { heading: m.t('calls.column.callId'), align: 'left' },
    { heading: m.t('calls.column.customer'), align: 'left' },
    { heading: m.t('calls.column.phone'), align: 'left' },
    { heading: m.t('calls.column.attempt'), align: 'right' },
    { heading: m.t('calls.column.status'), align: 'left' },
    { heading: m.t('calls.column.code'), align: 'left' },
    { heading: m.t('calls.column.callDuration'), align: 'right' },
    { heading: m.t('calls.column.dialingDuration'), align: 'right' },
    { heading: m.t('calls.column.recording'), align: 'left' },
  ];
}

export function renderCallsTable(report: CallsReport): string {
  const { campaign, timeZone } = report;
  const m = messagesOf(report);
  const out = [
    ...heading(m.t('calls.titleOf', { name: campaign.name, id: campaign.id }), '='),
    [
      `${m.t('calls.filter')}: ${describeCallFilter(report.filter, m)}`,
      m.t('calls.matchCount', { count: report.totalRows }),
      m.t('list.timesIn', { timeZone }),
    ].join('; '),
  ];
  const note = showingNote(report.rows.length, report.totalRows, m);
  if (note) out.push(note);
  out.push('');
  if (report.rows.length === 0) out.push(m.t('calls.none'));
  else {
    const rows = report.rows.map((row) => [
      m.instant(row.startedAt, timeZone),
      row.callId,
      row.customerId,
      phoneOrReason(row, m, maskPhone),
      m.integer(row.attempt),
      m.callStatus(row.status),
      row.resultCode,
      m.duration(row.callDurationMs),
      m.duration(row.dialingDurationMs),
      row.recordingLink ?? removedReason(row, m) ?? '–',
    ]);
    out.push(...table(callColumns(m), rows));
  }
  out.push('', `${m.t('calls.phonesMasked')} ${m.t('calls.csvHasAll')}`, ...removedNotes(report.rows, m));
  if (report.recordingLinksOff) out.push(m.t('calls.recordingLinksOff'));
  return lines(out);
}
