import { CampaignReport } from '../../domain/report-model';
import { keyFigures } from '../key-figures';
import { messagesOf, singleLine, statusText } from '../report-figures';
import { Block, contextBlock, fieldSections } from './block-kit';
import { escapeSlackText } from './escape';
import { MAX_BLOCKS } from './limits';
import { userText } from './parts';

/** What chat.unfurl attaches to a pasted report page link: one compact campaign summary. */
export interface SlackUnfurl {
  blocks: Block[];
}

/**
 * The preview of a report page link: the campaign, its state, and the five key figures of the page's tiles
 * (calls, answer rate, contact rate, call time, cost). Everyone in the conversation sees it, so nothing
 * about a single customer is in it.
 */
export function renderReportUnfurl(report: CampaignReport): SlackUnfurl {
  const m = messagesOf(report);
  const { campaign } = report.overview;
  const name = userText(singleLine(campaign.name) || campaign.id, 150);
  const mark = '\u0000name\u0000';
  const heading = escapeSlackText(m.t('report.campaignOf', { name: mark })).replace(mark, name);
  const title = `*${heading}* (${userText(campaign.id, 100)}) · ${escapeSlackText(statusText(report))}`;
  const fields = keyFigures(report).map(
    (figure) => `*${escapeSlackText(figure.label)}*\n${escapeSlackText(figure.value)}`,
  );
  const blocks: Block[] = [...fieldSections(title, fields), contextBlock([escapeSlackText(m.t('unfurl.note'))])];
  return { blocks: blocks.slice(0, MAX_BLOCKS) };
}
