import { CampaignReport } from '../../domain/report-model';
import { chartsOf } from '../chart-words';
import { campaignSections, footnoteTexts, messagesOf, rateFigure, statusText } from '../report-figures';
import { SLACK_ACTION_IDS } from './actions';
import {
  Block,
  ButtonElement,
  SlackMessage,
  actionsBlocks,
  buttonElement,
  contextBlock,
  sectionBlock,
} from './block-kit';
import { comparisonBlocks, comparisonHeadline } from './comparison';
import { escapeSlackText } from './escape';
import { MAX_SECTION_TEXT, fitLines } from './limits';
import { PLAIN_SLACK_LOOK, SlackLook } from './look';
import { resultCodesTable } from './report-tables';
import {
  MAX_CODE_TEXT,
  SlackChartImage,
  lookChartBlocks,
  figureSectionsBlocks,
  headerWithSuffix,
  message,
  nameOf,
  userText,
} from './parts';

export interface SlackCampaignReportOptions {
  charts?: readonly SlackChartImage[];
  /** Slack's own charts and tables, or images and text (the default: what every workspace can show). */
  look?: SlackLook;
  /** The answer is ephemeral: offer "Share in channel" (share_report, value = campaign id). */
  shareable?: boolean;
  /** "Calls" (open_calls, value = campaign id); shown unless false. */
  callsButton?: boolean;
  /** "Open full report" (open_full_report), wherever the report is shown: answers and posts alike. */
  fullReportUrl?: string | null;
}

function resultCodesBlock(report: CampaignReport): Block {
  const m = messagesOf(report);
  const title = `*${escapeSlackText(m.t('resultCodes.title'))}*\n`;
  const codes = report.overview.resultCodes;
  if (codes.length === 0) return sectionBlock(`${title}${escapeSlackText(m.t('resultCodes.none'))}`);
  const items = codes.map((entry) => `${userText(entry.code, MAX_CODE_TEXT)} ${m.integer(entry.count)}`);
  const more = (n: number) => escapeSlackText(m.t('resultCodes.more', { count: m.integer(n) }));
  return sectionBlock(`${title}${fitLines(items, MAX_SECTION_TEXT - title.length, more, ' · ')}`);
}

function buttons(report: CampaignReport, options: SlackCampaignReportOptions): (ButtonElement | null)[] {
  const m = messagesOf(report);
  const { id } = report.overview.campaign;
  const out: (ButtonElement | null)[] = [];
  if (options.shareable) {
    out.push(
      buttonElement({ text: m.t('action.share'), actionId: SLACK_ACTION_IDS.shareReport, value: id, style: 'primary' }),
    );
  }
  if (options.callsButton !== false) {
    out.push(buttonElement({ text: m.t('action.calls'), actionId: SLACK_ACTION_IDS.openCalls, value: id }));
  }
  if (options.fullReportUrl) {
    out.push(
      buttonElement({
        text: m.t('action.openFullReport'),
        actionId: SLACK_ACTION_IDS.openFullReport,
        url: options.fullReportUrl,
      }),
    );
  }
  return out;
}

export function renderSlackCampaignReport(
  report: CampaignReport,
  options: SlackCampaignReportOptions = {},
): SlackMessage {
  const { overview } = report;
  const { campaign, calls, costs } = overview;
  const m = messagesOf(report);
  const look = options.look ?? PLAIN_SLACK_LOOK;
  const name = nameOf(campaign.name, campaign.id);
  const state = statusText(report);
  const when = (iso: string | null) => m.instant(iso, campaign.timeZone);
  const rates = report.rates.map((rate) => {
    const figure = rateFigure(rate, m);
    return `*${escapeSlackText(figure.label)} ${figure.value}* = ${escapeSlackText(figure.detail ?? '')}`;
  });
  const notes = footnoteTexts(report.footnotes, m, report.unmappedReasons).map(escapeSlackText);
  const blocks: Block[] = [
    headerWithSuffix(name, ` · ${state}`),
    contextBlock([
      m.t('campaign.context', { id: userText(campaign.id), bot: userText(campaign.botId) }),
      m.t('campaign.when', {
        first: when(campaign.firstCallAt),
        last: when(campaign.lastCallAt),
        timeZone: userText(campaign.timeZone),
      }),
    ]),
    ...figureSectionsBlocks(campaignSections(report)),
    ...comparisonBlocks(report),
    (look.tables && resultCodesTable(report)) || resultCodesBlock(report),
    ...lookChartBlocks(chartsOf(report), options.charts ?? [], look, m, campaign.timeZone),
    ...(rates.length > 0 ? [contextBlock(rates)] : []),
    ...(notes.length > 0 ? [contextBlock(notes)] : []),
    ...actionsBlocks(buttons(report, options)),
  ];
  const text = m.t('campaign.summary', {
    name: userText(name),
    status: state,
    calls: calls.total,
    answerRate: m.percent(overview.rates.answerRate),
    contactRate: m.percent(overview.rates.contactRate),
    callDuration: m.duration(costs.totalCallDurationMs),
    cost: escapeSlackText(m.money(costs.totalCost, costs.currency)),
  });
  return message(text + comparisonHeadline(report), blocks);
}
