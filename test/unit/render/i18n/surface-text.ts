import { CallsReport, CampaignListReport, CampaignReport, UsageReport } from '../../../../src/domain/report-model';
import { renderCallsTable } from '../../../../src/render/cli/calls';
import { renderCampaignTable } from '../../../../src/render/cli/campaign';
import { renderCampaignListTable } from '../../../../src/render/cli/list';
import { renderUsageTable } from '../../../../src/render/cli/usage';
import { renderCallsCsv } from '../../../../src/render/csv/calls';
import { renderSlackCallsReport } from '../../../../src/render/slack/calls';
import { renderSlackCampaignReport } from '../../../../src/render/slack/campaign';
import { renderSlackHelp } from '../../../../src/render/slack/help';
import { renderSlackCampaignList } from '../../../../src/render/slack/list';
import { renderSlackUsageReport } from '../../../../src/render/slack/usage';
import { renderCallsCard } from '../../../../src/render/teams/calls';
import { renderCampaignCard } from '../../../../src/render/teams/campaign';
import { AdaptiveCard } from '../../../../src/render/teams/card';
import { renderHelpCard } from '../../../../src/render/teams/help';
import { renderCampaignListCard } from '../../../../src/render/teams/list';
import { renderUsageCard } from '../../../../src/render/teams/usage';
import { SlackMessage } from '../../../../src/render/slack/block-kit';
import { en } from '../../../../src/render/i18n/en';
import { CATALOGS } from '../../../../src/render/i18n/messages';
import { renderCampaignEmail } from '../../../../src/render/email/campaign';
import { renderUsageEmail } from '../../../../src/render/email/usage';
import { renderFullReportPage } from '../../../../src/render/page/campaign';

/** What a reader sees of each surface, as plain text: markup and escapes removed, one string per surface. */

function decodeSlack(text: string): string {
  return text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&').replace(/[*`]/g, '');
}

export function slackText(message: SlackMessage): string {
  const out: string[] = [message.text];
  const visit = (value: unknown) => {
    if (Array.isArray(value)) value.forEach(visit);
    else if (value && typeof value === 'object') {
      for (const [key, child] of Object.entries(value)) {
        if ((key === 'text' || key === 'alt_text' || key === 'title') && typeof child === 'string') out.push(child);
        else visit(child);
      }
    }
  };
  visit(message.blocks);
  return out.map(decodeSlack).join('\n');
}

export function cardText(card: AdaptiveCard): string {
  const out: string[] = [];
  const visit = (value: unknown) => {
    if (Array.isArray(value)) value.forEach(visit);
    else if (value && typeof value === 'object') {
      for (const [key, child] of Object.entries(value)) {
        if (['text', 'title', 'value', 'altText'].includes(key) && typeof child === 'string') out.push(child);
        else visit(child);
      }
    }
  };
  visit(card);
  return out.map((text) => text.replace(/\\(.)/g, '$1')).join('\n');
}

/** An HTML document as its reader sees the words: no styles, scripts or tags, entities decoded. */
export function htmlText(html: string): string {
  return html
    .replace(/<(style|script)[^>]*>[\s\S]*?<\/\1>/g, ' ')
    .replace(/<[^>]+>/g, '\n')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');
}

export interface Reports {
  campaign: CampaignReport;
  calls: CallsReport;
  usage: UsageReport;
  list: CampaignListReport;
}

/** The email and the full report page as HTML, for checks on their markup. */
export function htmlSurfaces(reports: Reports): Record<string, string> {
  const { campaign, calls, usage } = reports;
  return {
    'email campaign': renderCampaignEmail(campaign, {
      chartCids: {},
      fullReportUrl: 'https://r.example/p',
      detailRows: calls,
    }).html,
    'page campaign': renderFullReportPage(campaign, calls, { chartDataUris: {}, csvUrl: 'https://r.example/p.csv' }),
    'email usage': renderUsageEmail(usage, { chartCids: {} }).html,
  };
}

/** Every report on every surface (Slack, Teams, terminal, CSV, email, page), as a reader sees it. */
export function surfaces(reports: Reports): Record<string, string> {
  const { campaign, calls, usage, list } = reports;
  const locale = campaign.locale;
  const html = Object.entries(htmlSurfaces(reports)).map(([name, text]) => [name, htmlText(text)]);
  const email = renderCampaignEmail(campaign, { chartCids: {}, detailRows: calls });
  return {
    ...Object.fromEntries(html),
    'email campaign subject and text': `${email.subject}\n${email.text}`,
    'email usage subject and text': (({ subject, text }) => `${subject}\n${text}`)(
      renderUsageEmail(usage, { chartCids: {} }),
    ),
    'slack campaign': slackText(
      renderSlackCampaignReport(campaign, { shareable: true, fullReportUrl: 'https://r.example/p' }),
    ),
    'slack calls': slackText(renderSlackCallsReport(calls)),
    'slack usage': slackText(renderSlackUsageReport(usage)),
    'slack list': slackText(renderSlackCampaignList(list)),
    'slack help': slackText(
      renderSlackHelp({ locale, notUnderstood: { text: 'x y', reason: { key: 'notACommand', value: 'x' } } }),
    ),
    'teams campaign': cardText(renderCampaignCard(campaign, { chartImages: [], fullReportUrl: 'https://r.example/p' })),
    'teams calls': cardText(renderCallsCard(calls, { fullReportUrl: 'https://r.example/p' })),
    'teams usage': cardText(renderUsageCard(usage)),
    'teams list': cardText(renderCampaignListCard(list)),
    'teams help': cardText(renderHelpCard({ locale, notUnderstood: { text: 'x y', reason: { key: 'listState' } } })),
    'cli campaign': renderCampaignTable(campaign),
    'cli calls': renderCallsTable(calls),
    'cli usage': renderUsageTable(usage),
    'cli list': renderCampaignListTable(list),
    'csv calls': renderCallsCsv(calls),
  };
}

/**
 * The English words of a catalog message: its text outside placeholders, split where a placeholder was,
 * keeping the pieces long enough to be telling (two words, or one of 8 letters or more).
 */
export function englishFragments(message: string): string[] {
  let depth = 0;
  let text = '';
  for (const char of message) {
    if (char === '{') depth += 1;
    if (depth === 0) text += char;
    else if (char === '}' && depth === 1) text += '\u0000';
    if (char === '}') depth -= 1;
  }
  return text
    .split('\u0000')
    .map((piece) => piece.replace(/^[\s.,:;·()"'…=/+-]+|[\s.,:;·()"'…=/+-]+$/g, ''))
    .filter((piece) => /\p{L}{3,}\s+\p{L}{3,}/u.test(piece) || /\p{L}{8,}/u.test(piece));
}

/** The English of the catalog that a Vietnamese reader must never see (words both catalogs share are not English). */
export const ENGLISH_FRAGMENTS: readonly string[] = (() => {
  const viText = Object.values(CATALOGS.vi).join('\n');
  return [...new Set(Object.values(en).flatMap(englishFragments))].filter((fragment) => !viText.includes(fragment));
})();
