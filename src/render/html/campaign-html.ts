import { CallRow, CallsReport, CampaignReport, ChartSpec, UsageReport } from '../../domain/report-model';
import { chartsOf } from '../chart-words';
import { escapeHtml } from '../html-escape';
import { keyFigures } from '../key-figures';
import {
  campaignFacts,
  campaignSections,
  footnoteTexts,
  messagesOf,
  resultCodeRows,
  resultCodeTotalRow,
  showingNote,
  singleLine,
  statusText,
} from '../report-figures';
import { CallColumn, callTable } from './call-columns';
import { comparisonHtml } from './comparison-html';
import {
  HtmlColumn,
  badge,
  chartFigure,
  dataTable,
  factsTable,
  figureTable,
  figureTiles,
  footnoteList,
  note,
  sectionHeading,
  titleBlock,
} from './report-html';
import { removedNotes } from '../personal-data-removed';

/**
 * The parts of a report in HTML, in reading order and in the report's language, shared by the email and
 * the page; each surface puts every part in a section of its own frame.
 */

function resultCodesHtml(report: CampaignReport): string {
  const m = messagesOf(report);
  const title = sectionHeading(m.t('resultCodes.title'));
  const rows = resultCodeRows(report).map((row) => [row.code, row.meaning, row.count, row.share]);
  if (rows.length === 0) return title + note(m.t('resultCodes.none'));
  const columns: HtmlColumn[] = [
    { heading: m.t('resultCodes.code'), nowrap: true },
    { heading: m.t('resultCodes.meaning') },
    { heading: m.t('resultCodes.calls'), numeric: true },
    { heading: m.t('resultCodes.share'), numeric: true },
  ];
  const totalRow = resultCodeTotalRow(report);
  const total = [[totalRow.code, totalRow.meaning, totalRow.count, totalRow.share]];
  return title + dataTable(columns, rows, total) + note(m.t('resultCodes.shareNote'));
}

/** Only cid: (email) or data:image/ (web page) sources: never a remote image. */
export function chartImageSource(
  sources: Record<string, string>,
  chartId: string,
  scheme: 'cid' | 'data',
): string | null {
  const value = sources[chartId];
  if (!value) return null;
  if (scheme === 'cid') return `cid:${escapeHtml(value.replace(/^cid:/i, '').replace(/[<>\s]/g, ''))}`;
  return /^data:image\/(png|jpeg|gif|webp|svg\+xml);base64,[A-Za-z0-9+/=]+$/.test(value) ? escapeHtml(value) : null;
}

/** Each chart of the report, in its language, with the image `chartSource` gives (or its caption alone). */
export function chartsHtml(
  report: CampaignReport | UsageReport,
  chartSource: (chartId: string) => string | null,
): string[] {
  return chartsOf(report).map((chart: ChartSpec) =>
    chartFigure(chart, chartSource(chart.id), singleLine(chart.caption)),
  );
}

/** The overview in reading order: header, key figures, charts, figure sections, result codes. */
export interface CampaignParts {
  header: string;
  keyFigures: string;
  charts: string[];
  figureSections: string[];
  resultCodes: string;
}

export function campaignParts(report: CampaignReport, chartSource: (chartId: string) => string | null): CampaignParts {
  const m = messagesOf(report);
  const { campaign } = report.overview;
  return {
    header:
      titleBlock(m.t('report.campaign'), singleLine(campaign.name)) +
      badge(statusText(report), campaign.final) +
      factsTable(campaignFacts(report)),
    keyFigures: figureTiles(keyFigures(report)) + comparisonHtml(report),
    charts: chartsHtml(report, chartSource),
    figureSections: campaignSections(report).map(({ title, figures }) => sectionHeading(title) + figureTable(figures)),
    resultCodes: resultCodesHtml(report),
  };
}

export function callsHtml(
  calls: CallsReport,
  rows: readonly CallRow[],
  columns: readonly CallColumn[],
  options: { extraNote: string | null; link?: string },
): string {
  const m = messagesOf(calls);
  const table = callTable(calls, rows, columns);
  const notes = [
    `${m.t('list.timesIn', { timeZone: calls.timeZone })} ${m.t('calls.phonesMasked')} ${m.t('calls.csvHasAll')}`,
    showingNote(rows.length, calls.totalRows, m),
    ...removedNotes(rows, m),
    options.extraNote,
  ].filter((text): text is string => text !== null);
  const body = rows.length === 0 ? note(m.t('calls.none')) : dataTable(table.columns, table.cells);
  return sectionHeading(m.t('calls.title')) + (options.link ?? '') + body + notes.map((text) => note(text)).join('');
}

/** The numbered notes under a report ("Notes"), or nothing. */
export function notesHtml(report: CampaignReport | UsageReport, notes: readonly string[]): string {
  return notes.length === 0 ? '' : sectionHeading(messagesOf(report).t('word.notes')) + footnoteList(notes);
}

export function campaignNotes(report: CampaignReport): string[] {
  return footnoteTexts(report.footnotes, messagesOf(report), report.unmappedReasons);
}
