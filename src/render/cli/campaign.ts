import { CampaignReport } from '../../domain/report-model';
import {
  ResultCodeRow,
  campaignFacts,
  campaignSections,
  footnoteTexts,
  messagesOf,
  resultCodeRows,
  resultCodeTotalRow,
  singleLine,
} from '../report-figures';
import { comparisonTableLines } from './comparison';
import { Column, displayWidth, figureLines, heading, lines, numberedNotes, pad, table } from './table';

export function renderCampaignTable(report: CampaignReport): string {
  const { campaign } = report.overview;
  const m = messagesOf(report);
  const facts = campaignFacts(report);
  const factWidth = Math.max(...facts.map((fact) => displayWidth(fact.label)));
  const out = [
    ...heading(m.t('report.campaignOf', { name: campaign.name }), '='),
    ...facts.map((fact) => `${pad(fact.label, factWidth, 'left')}  ${singleLine(fact.value)}`),
  ];
  const sections = campaignSections(report);
  const all = sections.flatMap((section) => section.figures);
  const labelWidth = Math.max(...all.map((figure) => displayWidth(figure.label)));
  const valueWidth = Math.max(...all.map((figure) => displayWidth(figure.value)));
  for (const section of sections) {
    out.push('', ...heading(section.title, '-'), ...figureLines(section.figures, labelWidth, valueWidth));
  }
  out.push(...comparisonTableLines(report));
  out.push('', ...heading(m.t('resultCodes.title'), '-'));
  const codes = resultCodeRows(report);
  if (codes.length === 0) out.push(`  ${m.t('resultCodes.none')}`);
  else {
    const columns: Column[] = [
      { heading: m.t('resultCodes.code'), align: 'left' },
      { heading: m.t('resultCodes.meaning'), align: 'left' },
      { heading: m.t('resultCodes.calls'), align: 'right' },
      { heading: m.t('resultCodes.share'), align: 'right' },
    ];
    const cells = (row: ResultCodeRow) => [row.code, row.meaning, row.count, row.share];
    const rows = table(columns, codes.map(cells), [cells(resultCodeTotalRow(report))]);
    out.push(...rows.map((line) => `  ${line}`), `  ${m.t('resultCodes.shareNote')}`);
  }
  out.push(...numberedNotes(footnoteTexts(report.footnotes, m, report.unmappedReasons), m.t('word.notes')));
  return lines(out);
}
