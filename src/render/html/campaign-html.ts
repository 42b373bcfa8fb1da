import { CallRow, CallsReport, CampaignReport, ChartSpec } from '../../domain/report-model';
import { escapeHtml } from '../html-escape';
import { keyFigures } from '../key-figures';
import {
  messagesOf,
  campaignFacts,
  campaignSections,
  resultCodeRows,
  resultCodeTotalRow,
  showingNote,
  singleLine,
  statusText,
} from '../report-figures';
import { CallColumn } from './call-columns';
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

/**
 * The parts of a campaign report in HTML, in reading order, shared by the email and the page; each
 * surface puts every part in a section of its own frame.
 */

function campaignHeaderHtml(report: CampaignReport): string {
  const { campaign } = report.overview;
  return (
    titleBlock('Campaign report', singleLine(campaign.name)) +
    badge(statusText(report), campaign.final) +
    factsTable(campaignFacts(report))
  );
}

function keyFiguresHtml(report: CampaignReport): string {
  return figureTiles(keyFigures(report));
}

function figureSectionsHtml(report: CampaignReport): string[] {
  return campaignSections(report).map(({ title, figures }) => sectionHeading(title) + figureTable(figures));
}

function resultCodesHtml(report: CampaignReport): string {
  const rows = resultCodeRows(report).map((row) => [row.code, row.meaning, row.count, row.share]);
  if (rows.length === 0) return sectionHeading('Result codes') + note('No calls yet.');
  const columns: HtmlColumn[] = [
    { heading: 'Code', nowrap: true },
    { heading: 'Meaning' },
    { heading: 'Calls', numeric: true },
    { heading: 'Share', numeric: true },
  ];
  const totalRow = resultCodeTotalRow(report);
  const total = [[totalRow.code, totalRow.meaning, totalRow.count, totalRow.share]];
  return sectionHeading('Result codes') + dataTable(columns, rows, total) + note(messagesOf(report).t('resultCodes.shareNote'));
}

/** Only cid: (email) or data:image/ (web page) sources: never a remote image. */
export function chartImageSource(sources: Record<string, string>, chartId: string, scheme: 'cid' | 'data'): string | null {
  const value = sources[chartId];
  if (!value) return null;
  if (scheme === 'cid') return `cid:${escapeHtml(value.replace(/^cid:/i, '').replace(/[<>\s]/g, ''))}`;
  return /^data:image\/(png|jpeg|gif|webp|svg\+xml);base64,[A-Za-z0-9+/=]+$/.test(value) ? escapeHtml(value) : null;
}

function chartHtml(chart: ChartSpec, src: string | null): string {
  return chartFigure(chart, src, singleLine(chart.caption));
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
  return {
    header: campaignHeaderHtml(report),
    keyFigures: keyFiguresHtml(report),
    charts: report.charts.map((chart) => chartHtml(chart, chartSource(chart.id))),
    figureSections: figureSectionsHtml(report),
    resultCodes: resultCodesHtml(report),
  };
}

export function callsHtml(
  calls: CallsReport,
  rows: readonly CallRow[],
  columns: readonly CallColumn[],
  options: { extraNote: string | null; link?: string },
): string {
  const cells = rows.map((row) => columns.map((column) => column.cell(row, calls)));
  const notes = [
    `Times in ${calls.timeZone}. Phones are masked; the CSV export has them in full.`,
    showingNote(rows.length, calls.totalRows, messagesOf(calls)),
    options.extraNote,
  ].filter((text): text is string => text !== null);
  const body = cells.length === 0 ? note('No calls match.') : dataTable(columns, cells);
  return sectionHeading('Calls') + (options.link ?? '') + body + notes.map((text) => note(text)).join('');
}

export function footnotesHtml(notes: readonly string[]): string {
  return notes.length === 0 ? '' : sectionHeading('Notes') + footnoteList(notes);
}
