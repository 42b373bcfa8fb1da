import { UsageReport } from '../../domain/report-model';
import { chartsOf } from '../chart-words';
import { BotUsage, EMPTY_USAGE, UsageFigures } from '../../domain/usage';
import { Messages } from '../i18n/messages';
import {
  USAGE_COLUMNS,
  botLabel,
  messagesOf,
  signedChange,
  usageColumnLabel,
  usageNotes,
  usageValue,
} from '../report-figures';
import { Block, SlackMessage, contextBlock, fieldSections, headerBlock, sectionBlock } from './block-kit';
import { monthToDateBlocks } from './comparison';
import { escapeSlackText } from './escape';
import { MAX_BLOCKS } from './limits';
import { PLAIN_SLACK_LOOK, SlackLook } from './look';
import { SlackChartImage, lookChartBlocks, message, userText } from './parts';
import { usageTable } from './report-tables';

export interface SlackUsageReportOptions {
  charts?: readonly SlackChartImage[];
  /** Slack's own charts and tables, or images and text (the default: what every workspace can show). */
  look?: SlackLook;
  /** Voicebots shown one by one, default 20; the total row always counts them all. */
  maxBots?: number;
}

export const DEFAULT_USAGE_BOTS = 20;

/** Each figure, with its change from the month before in brackets when there is one (a new bot changed from 0). */
function usageFields(figures: UsageFigures, previous: UsageFigures | null, m: Messages): string[] {
  return USAGE_COLUMNS.map((column) => {
    const value = usageValue(column, figures, m);
    const change = previous ? ` (${signedChange(column, figures[column.key], previous[column.key], m)})` : '';
    return `*${escapeSlackText(usageColumnLabel(column, m))}*\n${value}${change}`;
  });
}

export function renderSlackUsageReport(report: UsageReport, options: SlackUsageReportOptions = {}): SlackMessage {
  const { usage, previous } = report;
  const m = messagesOf(report);
  const look = options.look ?? PLAIN_SLACK_LOOK;
  const table = look.tables ? usageTable(report) : null;
  const maxBots = Math.max(options.maxBots ?? DEFAULT_USAGE_BOTS, 0);
  // Fixed blocks: header, context, overflow note, total, charts, footnotes, and the month to date's one.
  const monthToDate = monthToDateBlocks(report, maxBots);
  const budget = MAX_BLOCKS - 5 - report.charts.length - monthToDate.length;
  const shown = table ? [] : usage.bots.slice(0, Math.max(Math.min(maxBots, budget), 0));
  const hidden = table ? 0 : usage.bots.length - shown.length;
  const month = userText(usage.month, 20);
  const previousOf = (bot: BotUsage): UsageFigures | null =>
    previous ? (previous.bots.find((candidate) => candidate.botId === bot.botId) ?? EMPTY_USAGE) : null;
  const notes = usageNotes(report).map(escapeSlackText);
  const blocks: Block[] = [
    headerBlock(m.t('usage.title', { month })),
    contextBlock([
      m.t('usage.scopeOf', { account: userText(usage.account), month, timeZone: userText(usage.timeZone) }),
      ...(previous ? [m.t('usage.inBrackets', { month: userText(previous.month, 20) })] : []),
    ]),
    ...(usage.bots.length === 0 ? [sectionBlock(escapeSlackText(m.t('usage.none')))] : []),
    ...shown.flatMap((bot) => fieldSections(`*${userText(botLabel(bot))}*`, usageFields(bot, previousOf(bot), m))),
    ...(hidden > 0 ? [contextBlock([escapeSlackText(m.t('usage.moreBots', { count: m.integer(hidden) }))])] : []),
    ...(table
      ? [table]
      : fieldSections(`*${escapeSlackText(m.t('word.total'))}*`, usageFields(usage.total, previous?.total ?? null, m))),
    ...monthToDate,
    ...lookChartBlocks(chartsOf(report), options.charts ?? [], look, m, usage.timeZone),
    ...(notes.length > 0 ? [contextBlock(notes)] : []),
  ];
  const { total } = usage;
  const text = m.t('usage.summary', {
    month,
    calls: m.integer(total.totalCalls),
    sessions: m.integer(total.sessions),
    blocks: m.integer(total.blocks),
    callDuration: m.duration(total.callDurationMs),
    bots: usage.bots.length,
  });
  return message(text, blocks);
}
