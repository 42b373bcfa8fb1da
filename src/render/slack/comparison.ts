import { CampaignReport, UsageReport } from '../../domain/report-model';
import { comparisonWords } from '../comparison-words';
import { monthToDateWords } from '../month-to-date-words';
import { Block, contextBlock, sectionBlock } from './block-kit';
import { escapeSlackText } from './escape';

/** The comparison with the previous campaign: one section (title and a line a figure), its note as context. */
export function comparisonBlocks(report: CampaignReport): Block[] {
  const words = comparisonWords(report);
  if (!words) return [];
  const lines = words.lines.map(escapeSlackText).join('\n');
  return [
    sectionBlock(`*${escapeSlackText(words.title)}*\n${lines}`),
    ...(words.note ? [contextBlock([escapeSlackText(words.note)])] : []),
  ];
}

/** " Answer rate 46.9% — up 5.0 points on cmp-1-000 (41.9%).": the comparison's first line for the message's text, when there is one. */
export function comparisonHeadline(report: CampaignReport): string {
  const words = report.overview.comparison ? comparisonWords(report) : null;
  return words ? ` ${escapeSlackText(words.lines[0])}.` : '';
}

/**
 * The month to date in one section: the marker, blocks so far → projected per bot (at most `maxBots`) and in
 * total, and the formula. One block, so that the usage message's block budget does not change.
 */
export function monthToDateBlocks(report: UsageReport, maxBots: number): Block[] {
  const words = monthToDateWords(report);
  if (!words) return [];
  const row = (r: { label: string; blocks: string; projected: string }) =>
    `${escapeSlackText(r.label)}: ${r.blocks} → ${r.projected}`;
  const rows = [...words.rows.slice(0, maxBots).map(row), `*${row(words.total)}*`];
  return [
    sectionBlock(
      `*${escapeSlackText(words.marker)}*\n${escapeSlackText(words.title)} (${escapeSlackText(words.columns.blocks)} → ${escapeSlackText(words.columns.projected)}):\n${rows.join('\n')}\n_${escapeSlackText(words.formula)}_`,
    ),
  ];
}
