import { maskPhone } from '../../domain/phone-mask';
import { CallRow, CallsReport } from '../../domain/report-model';
import { Messages } from '../i18n/messages';
import { describeCallFilter, messagesOf, showingNote } from '../report-figures';
import {
  AdaptiveCard,
  CardAction,
  CardElement,
  NAME_MAX_CHARS,
  card,
  escapeCardMarkdown,
  factSet,
  fits,
  httpUrl,
  kicker,
  largestFittingItems,
  note,
  openUrl,
  table,
  tableCell,
  title,
  userText,
} from './card';
import { phoneOrReason, removedNotes, removedReason } from '../personal-data-removed';

export interface CallsCardOptions {
  /** The link to listen to a call; defaults to the row's recordingLink. */
  listenUrl?: (callId: string) => string | null;
  /** The campaign's full report page: every call, with its CSV. */
  fullReportUrl?: string | null;
  /** The whole list as CSV, phones in full. */
  csvUrl?: string | null;
}

/** The same columns as every other surface's calls table (CLI, email, page), minus the dialing time. */
const CALL_TABLE_WIDTHS = [3, 3, 3, 3, 1, 2, 2, 2, 2];

function columns(m: Messages): string[] {
  return [
    m.t('calls.column.startedAt'),
    m.t('calls.column.callId'),
    m.t('calls.column.customer'),
    m.t('calls.column.phone'),
    m.t('calls.column.attempt'),
    m.t('calls.column.status'),
    m.t('calls.column.code'),
    m.t('calls.column.callDuration'),
    m.t('calls.column.recording'),
  ];
}

function callRowElement(row: CallRow, calls: CallsReport, listen: string | null, m: Messages): CardElement {
  const listenCell = listen
    ? tableCell(
        `▶ ${m.t('action.listen')}`,
        { selectAction: openUrl(m.t('action.listen'), listen) },
        { color: 'Accent' },
      )
    : tableCell(removedReason(row, m) ?? '–');
  return {
    type: 'TableRow',
    cells: [
      tableCell(m.instant(row.startedAt, calls.timeZone)),
      tableCell(userText(row.callId)),
      tableCell(userText(row.customerId)),
      tableCell(escapeCardMarkdown(phoneOrReason(row, m, maskPhone))),
      tableCell(m.integer(row.attempt)),
      tableCell(m.callStatus(row.status)),
      tableCell(userText(row.resultCode)),
      tableCell(m.duration(row.callDurationMs)),
      listenCell,
    ],
  };
}

function callsCardWith(report: CallsReport, options: CallsCardOptions, count: number): AdaptiveCard {
  const { campaign } = report;
  const m = messagesOf(report);
  const body: CardElement[] = [
    kicker(m.t('calls.title')),
    title(userText(campaign.name, NAME_MAX_CHARS)),
    factSet([
      { title: m.t('fact.campaign'), value: userText(campaign.id) },
      { title: m.t('calls.filter'), value: userText(describeCallFilter(report.filter, m)) },
      { title: m.t('calls.matching'), value: m.integer(report.totalRows) },
      { title: m.t('fact.timeZone'), value: userText(report.timeZone) },
    ]),
  ];
  const rows = report.rows.slice(0, count);
  if (report.rows.length === 0) body.push(note(m.t('calls.none')));
  else {
    const listenUrl = (row: CallRow) => httpUrl(options.listenUrl ? options.listenUrl(row.callId) : row.recordingLink);
    body.push(
      table(
        CALL_TABLE_WIDTHS,
        columns(m),
        rows.map((row) => callRowElement(row, report, listenUrl(row), m)),
      ),
    );
  }
  const csvUrl = httpUrl(options.csvUrl);
  const fullReportUrl = httpUrl(options.fullReportUrl);
  const showing = showingNote(rows.length, report.totalRows, m);
  const more = csvUrl || fullReportUrl ? [m.t('calls.csvHasAll')] : [];
  body.push(
    note([...(showing ? [showing] : []), m.t('calls.phonesMasked'), ...removedNotes(rows, m), ...more].join(' ')),
  );
  const actions: CardAction[] = [
    { type: 'Action.Submit', title: m.t('action.overview'), data: { command: campaign.id } },
  ];
  if (csvUrl) actions.push({ type: 'Action.OpenUrl', title: m.t('action.downloadCsv'), url: csvUrl });
  if (fullReportUrl) actions.push({ type: 'Action.OpenUrl', title: m.t('action.openFullReport'), url: fullReportUrl });
  return card(body, actions);
}

export function renderCallsCard(report: CallsReport, options: CallsCardOptions = {}): AdaptiveCard {
  const count = largestFittingItems(report.rows.length, (n) => fits(callsCardWith(report, options, n)));
  return callsCardWith(report, options, count);
}
