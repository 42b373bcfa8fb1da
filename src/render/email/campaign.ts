import { CallRow, CallsReport, CampaignReport } from '../../domain/report-model';
import { ATTEMPT, CALL_TIME, CODE, CUSTOMER, LISTEN_LINK, PHONE, STARTED, CallColumn } from '../html/call-columns';
import { callsHtml, campaignNotes, campaignParts, chartImageSource, notesHtml } from '../html/campaign-html';
import { linkButton } from '../html/report-html';
import { largestFitting } from '../largest-fitting';
import { messagesOf, singleLine, truncate } from '../report-figures';
import { renderCallsTable } from '../cli/calls';
import { renderCampaignTable } from '../cli/campaign';
import { chartsText } from './charts-text';
import { emailDocument, emailSection } from './email-document';
import { RenderedEmail } from './rendered-email';

export interface CampaignEmailOptions {
  /** Chart id -> Content-ID of the attached PNG. A chart without one is described in words instead. */
  chartCids: Record<string, string>;
  fullReportUrl?: string;
  /** When given, the first rows of the detailed report are shown in the body. */
  detailRows?: CallsReport;
}

/** The email shows at most this many calls (the attached CSV has them all)... */
export const EMAIL_DETAIL_ROW_LIMIT = 50;
/** ...and fewer when needed to keep its HTML under Gmail's clipping size (~102 KB), with room to spare. */
export const EMAIL_HTML_MAX_BYTES = 90 * 1024;
const SUBJECT_NAME_MAX_CHARS = 120;

/** The columns a reader scans for; the page and the CSV have the rest. */
const EMAIL_CALL_COLUMNS: readonly CallColumn[] = [STARTED, CUSTOMER, PHONE, ATTEMPT, CODE, CALL_TIME, LISTEN_LINK];
const byteLength = (html: string) => Buffer.byteLength(html, 'utf8');

export function campaignEmailSubject(report: CampaignReport): string {
  const m = messagesOf(report);
  const { campaign } = report.overview;
  const figures = m.t(campaign.final ? 'figures.final' : 'figures.preliminary');
  return m.t('email.subject', {
    name: truncate(singleLine(campaign.name), SUBJECT_NAME_MAX_CHARS),
    answerRate: m.percent(report.overview.rates.answerRate),
    figures: report.updated ? m.t('status.updated', { status: figures }) : figures,
  });
}

/** Mobile first: who and what, the key figures as tiles, the link on, charts, then the tables. */
function campaignSectionsHtml(report: CampaignReport, options: CampaignEmailOptions): string {
  const parts = campaignParts(report, (id) => chartImageSource(options.chartCids, id, 'cid'));
  const button = options.fullReportUrl
    ? linkButton(options.fullReportUrl, messagesOf(report).t('action.openFullReport'))
    : '';
  return [
    parts.header,
    parts.keyFigures,
    ...(button ? [button] : []),
    ...parts.charts,
    ...parts.figureSections,
    parts.resultCodes,
  ]
    .map(emailSection)
    .join('');
}

export function renderCampaignEmail(report: CampaignReport, options: CampaignEmailOptions): RenderedEmail {
  const m = messagesOf(report);
  const subject = campaignEmailSubject(report);
  const body = campaignSectionsHtml(report, options);
  const notes = report.footnotes.length > 0 ? emailSection(notesHtml(report, campaignNotes(report))) : '';
  const detail = options.detailRows;
  const html = (rows: readonly CallRow[]) => {
    const calls = detail
      ? emailSection(callsHtml(detail, rows, EMAIL_CALL_COLUMNS, { extraNote: m.t('email.csvAttached') }))
      : '';
    return emailDocument({ title: subject, preheader: subject, lang: m.language, sections: body + calls + notes });
  };
  let text = renderCampaignTable(report) + chartsText(report, m.t('chart.heading'));
  let shown: CallRow[] = [];
  if (detail) {
    const candidates = detail.rows.slice(0, EMAIL_DETAIL_ROW_LIMIT);
    const fits = (n: number) => byteLength(html(candidates.slice(0, n))) <= EMAIL_HTML_MAX_BYTES;
    const count = largestFitting(candidates.length, fits);
    shown = candidates.slice(0, count);
    text += `\n${renderCallsTable({ ...detail, rows: shown })}`;
  }
  if (options.fullReportUrl) text += `\n${m.t('action.openFullReport')}: ${singleLine(options.fullReportUrl)}\n`;
  return { subject, html: html(shown), text };
}
