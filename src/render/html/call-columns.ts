import { maskPhone } from '../../domain/phone-mask';
import { CallRow, CallsReport } from '../../domain/report-model';
import { formatDuration, formatInstant } from '../format';
import { safeUrlAttribute } from '../html-escape';
import { Cell, HtmlColumn } from './report-html';

/** The columns of the calls table, shared by the email (a few) and the full report page (all). */
export interface CallColumn extends HtmlColumn {
  cell: (row: CallRow, calls: CallsReport) => Cell;
}

/** The /r/<token> link's download variant: the route answers with Content-Disposition: attachment. */
export function recordingDownloadLink(link: string): string {
  return `${link}${link.includes('?') ? '&' : '?'}download=1`;
}

export const STARTED: CallColumn = {
  heading: 'Started at',
  nowrap: true,
  cell: (row, calls) => formatInstant(row.startedAt, calls.timeZone),
};
export const CALL_ID: CallColumn = { heading: 'Call ID', nowrap: true, cell: (row) => row.callId };
export const CUSTOMER: CallColumn = { heading: 'Customer', nowrap: true, cell: (row) => row.customerId };
export const PHONE: CallColumn = { heading: 'Phone', nowrap: true, cell: (row) => maskPhone(row.phone) };
export const ATTEMPT: CallColumn = { heading: 'Attempt', numeric: true, cell: (row) => String(row.attempt) };
export const STATUS: CallColumn = { heading: 'Status', nowrap: true, cell: (row) => row.status };
export const CODE: CallColumn = { heading: 'Code', nowrap: true, cell: (row) => row.resultCode };
export const CALL_TIME: CallColumn = { heading: 'Call time', numeric: true, cell: (row) => formatDuration(row.callDurationMs) };
export const DIALING: CallColumn = { heading: 'Dialing', numeric: true, cell: (row) => formatDuration(row.dialingDurationMs) };

/** A link to listen (email: no player runs in a mail client). */
export const LISTEN_LINK: CallColumn = {
  heading: 'Listen',
  cell: (row) => {
    const src = row.recordingLink ? safeUrlAttribute(row.recordingLink) : null;
    return src ? { html: `<a href="${src}">Listen</a>` } : '–';
  },
};

/** A player and a download link (the page), as the vendor's own page offers listen or download. */
export const RECORDING_PLAYER: CallColumn = {
  heading: 'Recording',
  nowrap: true,
  cell: (row) => {
    const src = row.recordingLink ? safeUrlAttribute(row.recordingLink) : null;
    if (!src || !row.recordingLink) return '–';
    const download = safeUrlAttribute(recordingDownloadLink(row.recordingLink));
    return {
      html:
        `<audio controls preload="none" src="${src}"><a href="${src}">Listen</a></audio>` +
        ` <a href="${download}" class="download" download>Download</a>`,
    };
  },
};
