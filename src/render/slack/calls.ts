import { maskPhone } from '../../domain/phone-mask';
import { CallRow, CallsReport } from '../../domain/report-model';
import { Messages } from '../i18n/messages';
import { describeCallFilter, messagesOf, singleLine } from '../report-figures';
import { SLACK_ACTION_IDS, callsCsvActionValue } from './actions';
import { Block, SlackMessage, actionsBlocks, buttonElement, contextBlock, sectionBlock } from './block-kit';
import { escapeSlackText } from './escape';
import { MAX_BLOCKS } from './limits';
import { MAX_CODE_TEXT, headerWithSuffix, message, nameOf, userText } from './parts';
import { phoneOrReason, removedNotes } from '../personal-data-removed';
import { callsDataTable } from './report-tables';

export interface SlackCallsReportOptions {
  /** Rows shown, default 15; never more than fit in MAX_BLOCKS. */
  maxRows?: number;
  /** "Download CSV" (download_calls_csv, value from callsCsvActionValue); shown unless false. */
  csvButton?: boolean;
  /** A `data_table` of up to 100 rows instead of a section per call (default: sections, what every workspace shows). */
  tables?: boolean;
}

export const DEFAULT_CALL_ROWS = 15;

function callRowBlock(row: CallRow, report: CallsReport, m: Messages): Block {
  const phoneText = phoneOrReason(row, m, maskPhone);
  const phone = phoneText ? ` · ${userText(phoneText)}` : '';
  const who =
    `*${userText(row.callId)}* · ${m.t('calls.row.customer', { customer: userText(row.customerId) })}${phone}` +
    ` · ${m.t('calls.row.attempt', { attempt: m.integer(row.attempt) })}`;
  const what = [
    m.instant(row.startedAt, report.timeZone),
    m.callStatus(row.status),
    userText(row.resultCode, MAX_CODE_TEXT),
    m.t('calls.row.callDuration', { duration: m.duration(row.callDurationMs) }),
    m.t('calls.row.dialingDuration', { duration: m.duration(row.dialingDurationMs) }),
  ].join(' · ');
  const listen = row.recordingLink
    ? buttonElement({
        text: m.t('action.listen'),
        actionId: SLACK_ACTION_IDS.listenRecording,
        value: row.callId,
        url: row.recordingLink,
      })
    : null;
  return sectionBlock(`${who}\n${what}`, listen ?? undefined);
}

export function renderSlackCallsReport(report: CallsReport, options: SlackCallsReportOptions = {}): SlackMessage {
  const { campaign } = report;
  const m = messagesOf(report);
  const name = nameOf(campaign.name, campaign.id);
  // Header, context, the "showing" line and the buttons take 4 blocks; rows get the rest.
  const maxRows = Math.min(Math.max(options.maxRows ?? DEFAULT_CALL_ROWS, 0), MAX_BLOCKS - 4);
  const table = options.tables ? callsDataTable(report) : null;
  const rows = table ? report.rows.slice(0, table.shown) : report.rows.slice(0, maxRows);
  const filter = escapeSlackText(singleLine(describeCallFilter(report.filter, m)));
  const showing = m.t('calls.showing', { shown: m.integer(rows.length), total: m.integer(report.totalRows) });
  const csvButton = options.csvButton !== false;
  const buttons = csvButton
    ? [
        buttonElement({
          text: m.t('action.downloadCsv'),
          actionId: SLACK_ACTION_IDS.downloadCallsCsv,
          value: callsCsvActionValue(campaign.id, report.filter),
        }),
      ]
    : [];
  const notes = [
    showing,
    m.t('calls.phonesMasked'),
    ...removedNotes(rows, m),
    ...(csvButton && report.totalRows > 0 ? [m.t('calls.csvHasAll')] : []),
  ];
  const blocks: Block[] = [
    headerWithSuffix(name, m.t('calls.headerSuffix')),
    contextBlock([
      [
        m.t('campaign.context', { id: userText(campaign.id), bot: userText(campaign.botId) }),
        filter,
        m.t('list.timesIn', { timeZone: userText(report.timeZone) }),
      ].join(' · '),
    ]),
    ...(table
      ? [table.block]
      : rows.length > 0
        ? rows.map((row) => callRowBlock(row, report, m))
        : [
            sectionBlock(
              escapeSlackText(m.t('calls.noneFiltered', { filter: singleLine(describeCallFilter(report.filter, m)) })),
            ),
          ]),
    contextBlock([notes.join(' ')]),
    ...actionsBlocks(buttons),
  ];
  return message(m.t('calls.summary', { name: userText(name), filter, showing }), blocks);
}
