import { CampaignIdentity, CampaignOverview } from '../../../src/domain/campaign-overview';
import { buildCampaignReport, buildUsageReport } from '../../../src/domain/report-builders';
import {
  CallRow,
  CallsReport,
  CampaignListReport,
  CampaignReport,
  TimelinePoint,
  UsageReport,
} from '../../../src/domain/report-model';
import { BotUsage, buildMonthlyUsage } from '../../../src/domain/usage';
import { Block, SlackMessage } from '../../../src/render/slack/block-kit';
import * as limits from '../../../src/render/slack/limits';
import { expected } from './fixtures-cmp-1-000';

export const SAMPLE_IDENTITY: CampaignIdentity = {
  id: 'cmp-1-000',
  name: 'Đợt 0, "Nhắc nợ "Tháng", vòng 1"',
  botId: 'bot-debt',
  state: 'complete',
  final: true,
  firstCallAt: '2026-10-30T15:36:02Z',
  lastCallAt: '2026-10-30T15:55:21Z',
  timeZone: 'Asia/Ho_Chi_Minh',
};

export function sampleOverview(identity: Partial<CampaignIdentity> = {}): CampaignOverview {
  return { ...structuredClone(expected), campaign: { ...SAMPLE_IDENTITY, ...identity } };
}

// Two hours, so that the model carries a calls-over-time chart (one hour makes none).
export const SAMPLE_TIMELINE: TimelinePoint[] = [
  { at: '2026-10-30T15:00:00Z', total: 30, successful: 12 },
  { at: '2026-10-30T16:00:00Z', total: 13, successful: 6 },
];

export function sampleCampaignReport(identity: Partial<CampaignIdentity> = {}, updated = false): CampaignReport {
  return buildCampaignReport(sampleOverview(identity), SAMPLE_TIMELINE, 'en-US', updated);
}

export function callRow(i: number, overrides: Partial<CallRow> = {}): CallRow {
  return {
    callId: `call-${String(i).padStart(7, '0')}`,
    customerId: `cus-${i}`,
    phone: '+84941777631',
    attempt: 1,
    startedAt: '2026-10-30T15:36:02Z',
    status: 'successful',
    resultCode: 'PAID',
    callDurationMs: 218_000,
    dialingDurationMs: 12_000,
    recordingLink: i % 2 === 0 ? `https://bot.example.com/r/token-${i}` : null,
    ...overrides,
  };
}

export function callsReport(rowCount: number, overrides: Partial<CallsReport> = {}): CallsReport {
  const rows = Array.from({ length: rowCount }, (_, i) => callRow(i));
  return {
    kind: 'calls',
    campaign: { id: 'cmp-1-000', name: SAMPLE_IDENTITY.name, botId: 'bot-debt', state: 'complete' },
    timeZone: 'Asia/Ho_Chi_Minh',
    locale: 'en-US',
    filter: {},
    rows,
    totalRows: rowCount,
    ...overrides,
  };
}

export function botUsage(botId: string, botName: string, scale = 1): BotUsage {
  return {
    botId,
    botName,
    sessions: 18 * scale,
    messages: 226 * scale,
    blocks: 80 * scale,
    dialingDurationMs: 679_799 * scale,
    callDurationMs: 3_278_254 * scale,
    totalCalls: 43 * scale,
  };
}

export function usageReport(bots: BotUsage[], previousBots: BotUsage[] | null = null): UsageReport {
  const usage = buildMonthlyUsage('default', '2026-10', 'Asia/Ho_Chi_Minh', bots);
  const previous = previousBots ? buildMonthlyUsage('default', '2026-09', 'Asia/Ho_Chi_Minh', previousBots) : null;
  return buildUsageReport(usage, previous, 'en-US');
}

export function listReport(count: number, name = (i: number) => `Campaign ${i}`): CampaignListReport {
  return {
    kind: 'campaign-list',
    filter: 'all',
    timeZone: 'Asia/Ho_Chi_Minh',
    locale: 'en-US',
    campaigns: Array.from({ length: count }, (_, i) => ({
      id: `cmp-${i}`,
      name: name(i),
      botId: 'bot-debt',
      state: 'complete' as const,
      totalCalls: 43,
      answerRate: 18 / 43,
      lastCallAt: '2026-10-30T15:55:21Z',
    })),
  };
}

/** Every text a Slack client would show or parse, with where it sits. */
export function textsOf(msg: SlackMessage): { where: string; text: string }[] {
  const out: { where: string; text: string }[] = [{ where: 'text', text: msg.text }];
  const visit = (value: unknown, where: string) => {
    if (Array.isArray(value)) value.forEach((item, i) => visit(item, `${where}[${i}]`));
    else if (value && typeof value === 'object') {
      for (const [key, child] of Object.entries(value)) {
        if ((key === 'text' || key === 'alt_text') && typeof child === 'string')
          out.push({ where: `${where}.${key}`, text: child });
        else visit(child, `${where}.${key}`);
      }
    }
  };
  visit(msg.blocks, 'blocks');
  return out;
}

/** Every Block Kit limit this project names, checked on a whole message; [] when all hold. */
export function limitViolations(msg: SlackMessage): string[] {
  const problems: string[] = [];
  const over = (what: string, length: number, max: number) => {
    if (length > max) problems.push(`${what}: ${length} > ${max}`);
  };
  if (!msg.text.trim()) problems.push('text fallback is empty');
  over('text', msg.text.length, limits.MAX_MESSAGE_TEXT);
  over('blocks', msg.blocks.length, limits.MAX_BLOCKS);
  msg.blocks.forEach((block: Block, i) => {
    const at = `blocks[${i}] ${block.type}`;
    switch (block.type) {
      case 'header':
        over(`${at} text`, block.text.text.length, limits.MAX_HEADER_TEXT);
        break;
      case 'section':
        if (!block.text && !block.fields) problems.push(`${at} has neither text nor fields`);
        if (block.text) over(`${at} text`, block.text.text.length, limits.MAX_SECTION_TEXT);
        if (block.fields) {
          over(`${at} fields`, block.fields.length, limits.MAX_FIELDS);
          block.fields.forEach((field) => over(`${at} field`, field.text.length, limits.MAX_FIELD_TEXT));
        }
        if (block.accessory) over(`${at} button`, block.accessory.text.text.length, limits.MAX_BUTTON_TEXT);
        break;
      case 'context':
        over(`${at} elements`, block.elements.length, limits.MAX_CONTEXT_ELEMENTS);
        block.elements.forEach((element) => over(`${at} element`, element.text.length, limits.MAX_CONTEXT_TEXT));
        break;
      case 'image':
        over(`${at} alt_text`, block.alt_text.length, limits.MAX_ALT_TEXT);
        if (block.image_url !== undefined) over(`${at} image_url`, block.image_url.length, limits.MAX_IMAGE_URL);
        if (!block.image_url && !block.slack_file) problems.push(`${at} has no source`);
        break;
      case 'actions':
        over(`${at} elements`, block.elements.length, limits.MAX_ACTION_ELEMENTS);
        block.elements.forEach((button) => {
          if (button.type !== 'button') return;
          over(`${at} button`, button.text.text.length, limits.MAX_BUTTON_TEXT);
          if (button.value !== undefined) over(`${at} value`, button.value.length, limits.MAX_BUTTON_VALUE);
        });
        break;
      default:
        break;
    }
  });
  return problems;
}

/** An `&` that does not start one of the three entities Slack decodes. */
export const BARE_AMPERSAND = /&(?!(?:amp|lt|gt);)/;

export function sectionTexts(msg: SlackMessage): string[] {
  return msg.blocks.flatMap((block) => (block.type === 'section' && block.text ? [block.text.text] : []));
}

export function allFields(msg: SlackMessage): string[] {
  return msg.blocks.flatMap((block) =>
    block.type === 'section' && block.fields ? block.fields.map((f) => f.text) : [],
  );
}

export function fieldValue(msg: SlackMessage, label: string): string | undefined {
  const prefix = `*${label}*\n`;
  const field = allFields(msg).find((text) => text.startsWith(prefix));
  return field?.slice(prefix.length);
}
