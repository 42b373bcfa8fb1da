import { ChartSpec } from '../../domain/report-model';
import { chartLabels } from '../chart-spec';
import { Messages } from '../i18n/messages';
import { FigureSection, singleLine } from '../report-figures';
import { Block, SlackMessage, fieldSections, fitBlocks, headerBlock, imageBlock, sectionBlock } from './block-kit';
import { escapeSlackText } from './escape';
import { SlackLook } from './look';
import { nativeChartBlocks } from './native-charts';
import { MAX_HEADER_TEXT, MAX_MESSAGE_TEXT, MAX_SECTION_TEXT, fitLines, truncateText } from './limits';

/** The pieces every Slack report is made of: user text made safe, headers, figure fields, charts. */

/** A chart already published: a public URL (QuickChart) or a file uploaded to Slack. */
export interface SlackChartImage {
  chartId: ChartSpec['id'];
  imageUrl?: string;
  slackFileId?: string;
  altText: string;
}

/** User text inside a line (names, ids, codes) is cut here so one value cannot crowd out the rest. */
const MAX_INLINE_TEXT = 200;
export const MAX_CODE_TEXT = 60;
const MAX_TABLE_LABEL = 40;

/** User text, on one line, escaped, and cut to `max` characters. */
export function userText(raw: string, max = MAX_INLINE_TEXT): string {
  return truncateText(escapeSlackText(singleLine(raw)), max);
}

export function nameOf(name: string, id: string): string {
  return singleLine(name) || id;
}

export function message(text: string, blocks: Block[]): SlackMessage {
  return { text: truncateText(text, MAX_MESSAGE_TEXT), blocks: fitBlocks(blocks) };
}

/** A header "<name><suffix>" that keeps the whole suffix and cuts the name instead. */
export function headerWithSuffix(name: string, suffix: string): Block {
  const escapedSuffix = escapeSlackText(suffix);
  const budget = Math.max(MAX_HEADER_TEXT - escapedSuffix.length, 1);
  return headerBlock(`${truncateText(escapeSlackText(singleLine(name)), budget)}${escapedSuffix}`);
}

export function figureSectionsBlocks(sections: readonly FigureSection[]): Block[] {
  // One-figure sections (dialing duration, messages) read better as fields of the section before them.
  const merged: FigureSection[] = [];
  for (const section of sections) {
    const last = merged[merged.length - 1];
    if (last && section.figures.length === 1) {
      merged[merged.length - 1] = { ...last, figures: [...last.figures, ...section.figures] };
    } else {
      merged.push(section);
    }
  }
  return merged.flatMap((section) =>
    fieldSections(
      `*${escapeSlackText(section.title)}*`,
      section.figures.map((figure) => `*${escapeSlackText(figure.label)}*\n${escapeSlackText(figure.value)}`),
    ),
  );
}

/** A chart as a monospaced table, when no image of it can be shown. */
function chartTableText(spec: ChartSpec, m: Messages, timeZone?: string): string {
  // Backticks would close the code block early; U+02CB looks alike.
  const cell = (raw: string) => singleLine(raw).replace(/`/g, '\u02cb');
  const labels = chartLabels(spec, timeZone).map((label) => [...cell(label)].slice(0, MAX_TABLE_LABEL).join(''));
  const columns = spec.series.map((series) => ({
    title: [...cell(series.label)].slice(0, MAX_TABLE_LABEL).join(''),
    values: series.values.map((value) => m.integer(value)),
  }));
  const labelWidth = Math.max(0, ...labels.map((label) => label.length));
  const widths = columns.map((column) => Math.max(column.title.length, ...column.values.map((v) => v.length)));
  const row = (label: string, cells: string[]) =>
    [label.padEnd(labelWidth), ...cells.map((text, i) => text.padStart(widths[i]))].join('  ').trimEnd();
  const lines = labels.map((label, i) =>
    escapeSlackText(
      row(
        label,
        columns.map((column) => column.values[i] ?? ''),
      ),
    ),
  );
  const head =
    columns.length > 1
      ? [
          escapeSlackText(
            row(
              '',
              columns.map((column) => column.title),
            ),
          ),
        ]
      : [];
  const title = `*${escapeSlackText(cell(spec.title))}*\n\`\`\`\n`;
  const end = '\n```';
  const budget = MAX_SECTION_TEXT - title.length - end.length;
  const more = (n: number) => m.t('chart.moreRows', { count: m.integer(n) });
  const body = lines.length === 0 ? m.t('chart.noData') : fitLines([...head, ...lines], budget, more);
  return `${title}${body}${end}`;
}

export function chartBlocks(
  specs: readonly ChartSpec[],
  images: readonly SlackChartImage[],
  m: Messages,
  timeZone: string,
): Block[] {
  return specs.map((spec) => {
    const image = images.find((candidate) => candidate.chartId === spec.id);
    const block = image
      ? imageBlock({
          imageUrl: image.imageUrl,
          slackFileId: image.slackFileId,
          altText: escapeSlackText(image.altText || spec.altText),
          title: escapeSlackText(singleLine(spec.title)),
        })
      : null;
    return block ?? sectionBlock(chartTableText(spec, m, timeZone));
  });
}

/** The charts in a look: Slack's own (up to two, the rest as text tables), or images and text tables. */
export function lookChartBlocks(
  specs: readonly ChartSpec[],
  images: readonly SlackChartImage[],
  look: SlackLook,
  m: Messages,
  timeZone: string,
): Block[] {
  if (look.charts !== 'native') return chartBlocks(specs, images, m, timeZone);
  const native = nativeChartBlocks(specs, m);
  return [...native.blocks, ...chartBlocks(native.rest, [], m, timeZone)];
}
