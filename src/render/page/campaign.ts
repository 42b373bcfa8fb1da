import { CallsReport, CampaignReport } from '../../domain/report-model';
import {
  ATTEMPT,
  CALL_ID,
  CALL_TIME,
  CODE,
  CUSTOMER,
  DIALING,
  PHONE,
  RECORDING_PLAYER,
  STARTED,
  STATUS,
  CallColumn,
} from '../html/call-columns';
import { callsHtml, campaignNotes, campaignParts, chartImageSource, notesHtml } from '../html/campaign-html';
import { linkButton } from '../html/report-html';
import { messagesOf, singleLine } from '../report-figures';
import { pageDocument } from './page-document';

export interface FullReportPageOptions {
  /** Chart id -> data:image/png;base64,… URI. */
  chartDataUris: Record<string, string>;
  /** The signed link to every call as CSV (`/reports/<token>.csv`); without one the page offers none. */
  csvUrl?: string;
}

/** The page has room for every column; the calls table scrolls on a phone. */
const PAGE_CALL_COLUMNS: readonly CallColumn[] = [
  STARTED,
  CALL_ID,
  CUSTOMER,
  PHONE,
  ATTEMPT,
  STATUS,
  CODE,
  CALL_TIME,
  DIALING,
  RECORDING_PLAYER,
];

/** The "Open full report" page: the email's overview, every chart, every call with its recording. */
export function renderFullReportPage(
  report: CampaignReport,
  calls: CallsReport,
  options: FullReportPageOptions,
): string {
  const m = messagesOf(report);
  const title = m.t('report.campaignOf', { name: singleLine(report.overview.campaign.name) });
  const parts = campaignParts(report, (id) => chartImageSource(options.chartDataUris, id, 'data'));
  const figures = [...parts.figureSections, parts.resultCodes].map((part) => `<div>${part}</div>`);
  const csvLink = options.csvUrl ? linkButton(options.csvUrl, m.t('action.downloadCsv')) : '';
  const sections = [
    parts.header,
    parts.keyFigures,
    ...(parts.charts.length > 0 ? [`<div class="charts">${parts.charts.join('')}</div>`] : []),
    `<div class="columns">${figures.join('')}</div>`,
    callsHtml(calls, calls.rows, PAGE_CALL_COLUMNS, { extraNote: null, link: csvLink }),
    ...(report.footnotes.length > 0 ? [notesHtml(report, campaignNotes(report))] : []),
  ];
  return pageDocument({ title, lang: m.language, sections });
}
