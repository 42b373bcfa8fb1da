import { CampaignListReport } from '../../domain/report-model';
import { campaignListEmpty, campaignListTitle, messagesOf, singleLine, truncate } from '../report-figures';
import { Column, heading, lines, table } from './table';

export const LIST_NAME_MAX_CHARS = 40;

export function renderCampaignListTable(report: CampaignListReport): string {
  const { timeZone } = report;
  const m = messagesOf(report);
  const out = [...heading(campaignListTitle(report), '='), m.t('list.timesIn', { timeZone }), ''];
  if (report.campaigns.length === 0) out.push(campaignListEmpty(report));
  else {
    const columns: Column[] = [
      { heading: m.t('list.column.campaign'), align: 'left' },
      { heading: m.t('list.column.name'), align: 'left' },
      { heading: m.t('list.column.voicebot'), align: 'left' },
      { heading: m.t('list.column.state'), align: 'left' },
      { heading: m.t('list.column.calls'), align: 'right' },
      { heading: m.t('list.column.answerRate'), align: 'right' },
      { heading: m.t('list.column.lastCall'), align: 'left' },
    ];
    const rows = report.campaigns.map((entry) => [
      entry.id,
      truncate(singleLine(entry.name), LIST_NAME_MAX_CHARS),
      entry.botId,
      m.state(entry.state),
      m.integer(entry.totalCalls),
      m.percent(entry.answerRate),
      m.instant(entry.lastCallAt, timeZone),
    ]);
    out.push(...table(columns, rows), '', m.t('list.answerRateNote'));
  }
  return lines(out);
}
