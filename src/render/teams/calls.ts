import { maskPhone } from '../../domain/phone-mask';
import { CallRow, CallsReport } from '../../domain/report-model';
import { Messages } from '../i18n/messages';
import { describeCallFilter, messagesOf, showingNote } from '../report-figures';
import {
  AdaptiveCard,
  CardAction,
  CardElement,
  card,
  dataText,
  fits,
  httpUrl,
  kicker,
  largestFittingItems,
  literal,
  literalCell,
  literalFacts,
  literalTitle,
  note,
  openUrl,
  runs,
  table,
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
const CALL_TABLE_WIDTHS = [3, 3, 3, 3, 2, 3, 3, 2, 3];
/** Narrow cards (Teams mobile, a side panel): time, status and code, duration, Listen. */
const COMPACT_WIDTHS = [3, 4, 2, 3];
/** Teams shows an element only at the card widths its targetWidth names (the responsive layout). */
export const NARROW_ONLY = 'atMost:Narrow';
export const STANDARD_AND_WIDER = 'atLeast:Standard';

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

function compactColumns(m: Messages): string[] {
  return [
    m.t('calls.column.startedAt'),
    m.t('teamsCalls.column.statusCode'),
    m.t('calls.column.callDuration'),
    m.t('calls.column.recording'),
  ];
}

/** ▶ Listen, or why there is no recording (erased on request, removed by retention), or a dash. */
function listenCell(listen: string | null, row: CallRow, m: Messages): CardElement {
  return listen
    ? literalCell(
        `▶ ${m.t('action.listen')}`,
        { selectAction: openUrl(m.t('action.listen'), listen) },
        { color: 'Accent' },
      )
    : literalCell(removedReason(row, m) ?? '–');
}

function callRowElement(row: CallRow, calls: CallsReport, listen: string | null, m: Messages): CardElement {
  return {
    type: 'TableRow',
    cells: [
      literalCell(m.instant(row.startedAt, calls.timeZone)),
      literalCell(dataText(row.callId)),
      literalCell(dataText(row.customerId)),
      literalCell(phoneOrReason(row, m, maskPhone)),
      literalCell(m.integer(row.attempt)),
      literalCell(m.callStatus(row.status)),
      literalCell(dataText(row.resultCode)),
      literalCell(m.duration(row.callDurationMs)),
      listenCell(listen, row, m),
    ],
  };
}

/** The date over the time, and the status over its code: each cell's words stay whole on a phone. */
function compactRowElement(row: CallRow, calls: CallsReport, listen: string | null, m: Messages): CardElement {
  const [date, time] = m.instant(row.startedAt, calls.timeZone).split(' ');
  return {
    type: 'TableRow',
    cells: [
      { type: 'TableCell', items: [literal(date), ...(time ? [literal(time, { spacing: 'None' })] : [])] },
      {
        type: 'TableCell',
        items: [
          literal(m.callStatus(row.status)),
          literal(dataText(row.resultCode), { spacing: 'None' }, { size: 'Small', isSubtle: true }),
        ],
      },
      literalCell(m.duration(row.callDurationMs)),
      listenCell(listen, row, m),
    ],
  };
}

/** For a client that draws no Table: one line per call, its Listen link a run of its own. */
function callLines(
  rows: readonly CallRow[],
  calls: CallsReport,
  listenOf: (row: CallRow) => string | null,
  m: Messages,
) {
  return {
    type: 'Container',
    items: rows.map((row) => {
      const listen = listenOf(row);
      const line = [
        m.instant(row.startedAt, calls.timeZone),
        m.callStatus(row.status),
        dataText(row.resultCode),
        m.duration(row.callDurationMs),
      ].join(' · ');
      return runs([
        { text: line },
        ...(listen
          ? [
              {
                text: ` · ▶ ${m.t('action.listen')}`,
                color: 'Accent',
                selectAction: openUrl(m.t('action.listen'), listen),
              },
            ]
          : []),
      ]);
    }),
  };
}

function callsCardWith(report: CallsReport, options: CallsCardOptions, count: number): AdaptiveCard {
  const { campaign } = report;
  const m = messagesOf(report);
  const body: CardElement[] = [
    kicker(m.t('calls.title')),
    literalTitle(campaign.name),
    literalFacts([
      { title: m.t('fact.campaign'), value: campaign.id },
      { title: m.t('calls.filter'), value: describeCallFilter(report.filter, m) },
      { title: m.t('calls.matching'), value: m.integer(report.totalRows) },
      { title: m.t('fact.timeZone'), value: report.timeZone },
    ]),
  ];
  const rows = report.rows.slice(0, count);
  if (report.rows.length === 0) body.push(note(m.t('calls.none')));
  else {
    const listenUrl = (row: CallRow) => httpUrl(options.listenUrl ? options.listenUrl(row.callId) : row.recordingLink);
    body.push(
      table(
        COMPACT_WIDTHS,
        compactColumns(m),
        rows.map((row) => compactRowElement(row, report, listenUrl(row), m)),
        { targetWidth: NARROW_ONLY, fallback: callLines(rows, report, listenUrl, m) },
      ),
      table(
        CALL_TABLE_WIDTHS,
        columns(m),
        rows.map((row) => callRowElement(row, report, listenUrl(row), m)),
        { targetWidth: STANDARD_AND_WIDER, fallback: 'drop' },
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
