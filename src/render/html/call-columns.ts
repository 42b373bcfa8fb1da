import { maskPhone } from '../../domain/phone-mask';
import { CallRow, CallsReport } from '../../domain/report-model';
import { escapeHtml, safeUrlAttribute } from '../html-escape';
import { MessageKey, Messages } from '../i18n/messages';
import { messagesOf } from '../report-figures';
import { Cell, HtmlColumn } from './report-html';
import { phoneOrReason, removedReason } from '../personal-data-removed';

/** The columns of the calls table, shared by the email (a few) and the full report page (all). */
export interface CallColumn extends Omit<HtmlColumn, 'heading'> {
  heading: MessageKey;
  cell: (row: CallRow, calls: CallsReport, m: Messages) => Cell;
}

/** The /r/<token> link's download variant: the route answers with Content-Disposition: attachment. */
export function recordingDownloadLink(link: string): string {
  return `${link}${link.includes('?') ? '&' : '?'}download=1`;
}

export const STARTED: CallColumn = {
  heading: 'calls.column.startedAt',
  nowrap: true,
  cell: (row, calls, m) => m.instant(row.startedAt, calls.timeZone),
};
export const CALL_ID: CallColumn = { heading: 'calls.column.callId', nowrap: true, cell: (row) => row.callId };
export const CUSTOMER: CallColumn = { heading: 'calls.column.customer', nowrap: true, cell: (row) => row.customerId };
export const PHONE: CallColumn = {
  heading: 'calls.column.phone',
  nowrap: true,
  cell: (row, _calls, m) => phoneOrReason(row, m, maskPhone),
};
export const ATTEMPT: CallColumn = {
  heading: 'calls.column.attempt',
  numeric: true,
  cell: (row, _calls, m) => m.integer(row.attempt),
};
export const STATUS: CallColumn = {
  heading: 'calls.column.status',
  nowrap: true,
  cell: (row, _calls, m) => m.callStatus(row.status),
};
export const CODE: CallColumn = { heading: 'calls.column.code', nowrap: true, cell: (row) => row.resultCode };
export const CALL_TIME: CallColumn = {
  heading: 'calls.column.callDuration',
  numeric: true,
  cell: (row, _calls, m) => m.duration(row.callDurationMs),
};
export const DIALING: CallColumn = {
  heading: 'calls.column.dialingDuration',
  numeric: true,
  cell: (row, _calls, m) => m.duration(row.dialingDurationMs),
};

/** A link to listen (email: no player runs in a mail client). */
export const LISTEN_LINK: CallColumn = {
  heading: 'action.listen',
  cell: (row, _calls, m) => {
    const src = row.recordingLink ? safeUrlAttribute(row.recordingLink) : null;
    return src ? { html: `<a href="${src}">${escapeHtml(m.t('action.listen'))}</a>` } : (removedReason(row, m) ?? '–');
  },
};

/** A player and a download link (the page), as the vendor's own page offers listen or download. */
export const RECORDING_PLAYER: CallColumn = {
  heading: 'calls.column.recording',
  cell: (row, _calls, m) => {
    const src = row.recordingLink ? safeUrlAttribute(row.recordingLink) : null;
    if (!src || !row.recordingLink) return removedReason(row, m) ?? '–';
    const download = safeUrlAttribute(recordingDownloadLink(row.recordingLink));
    return {
      html:
        `<span class="recording"><audio controls preload="none" src="${src}"><a href="${src}">${escapeHtml(m.t('action.listen'))}</a></audio>` +
        ` <a href="${download}" download>${escapeHtml(m.t('recording.download'))}</a></span>`,
    };
  },
};

/** The columns as the table renders them: headings and cells in the report's language. */
export function callTable(
  calls: CallsReport,
  rows: readonly CallRow[],
  columns: readonly CallColumn[],
): { columns: HtmlColumn[]; cells: Cell[][] } {
  const m = messagesOf(calls);
  return {
    columns: columns.map((column) => ({ ...column, heading: m.t(column.heading) })),
    cells: rows.map((row) => columns.map((column) => column.cell(row, calls, m))),
  };
}
