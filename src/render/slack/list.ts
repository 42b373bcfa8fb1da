import { CampaignListReport } from '../../domain/report-model';
import { campaignListEmpty, campaignListTitle, messagesOf, singleLine } from '../report-figures';
import { Messages } from '../i18n/messages';
import { ActionsBlock, Block, SlackMessage, contextBlock, headerBlock, sectionBlock } from './block-kit';
import { NATIVE_SURFACE_IDS } from './native-surface-ids';
import { campaignOption } from './campaign-picker';
import { StaticSelectElement, optionList, placeholder } from './select-elements';
import { escapeSlackText } from './escape';
import { MAX_SECTION_TEXT, chunkLines } from './limits';
import { message, nameOf, userText } from './parts';
import { SLASH_COMMAND } from './help';

export const MAX_LIST_ENTRIES = 40;

/** List → a campaign: a menu of the listed campaigns; picking one answers its overview. */
function listedCampaignMenu(campaigns: CampaignListReport['campaigns'], m: Messages): ActionsBlock[] {
  const options = optionList(campaigns.map((entry) => campaignOption(entry, m, entry.id)));
  if (options.length === 0) return [];
  const menu: StaticSelectElement = {
    type: 'static_select',
    action_id: NATIVE_SURFACE_IDS.openListedCampaign,
    placeholder: placeholder(m.t('list.pickCampaign')),
    options,
  };
  return [{ type: 'actions', elements: [menu] }];
}

export function renderSlackCampaignList(report: CampaignListReport): SlackMessage {
  const { campaigns, timeZone } = report;
  const m = messagesOf(report);
  const filterState = report.filter === 'all' ? null : m.state(report.filter);
  const lines = campaigns.slice(0, MAX_LIST_ENTRIES).map(
    (entry) =>
      `• *${userText(nameOf(entry.name, entry.id), 100)}* (${userText(entry.id, 100)}) · ${m.state(entry.state)} · ` +
      m.t('list.row', {
        calls: entry.totalCalls,
        answerRate: m.percent(entry.answerRate),
        lastCall: m.instant(entry.lastCallAt, timeZone),
      }),
  );
  if (campaigns.length > MAX_LIST_ENTRIES)
    lines.push(m.t('word.more', { count: m.integer(campaigns.length - MAX_LIST_ENTRIES) }));
  const title = campaignListTitle(report);
  const empty = escapeSlackText(campaignListEmpty(report));
  const blocks: Block[] = [
    headerBlock(escapeSlackText(title)),
    ...(lines.length > 0
      ? chunkLines(lines, MAX_SECTION_TEXT).map((chunk) => sectionBlock(chunk))
      : [sectionBlock(empty)]),
    contextBlock([
      escapeSlackText(
        [
          m.t('list.timesIn', { timeZone: singleLine(timeZone) }),
          m.t('list.answerRateNote'),
          m.t('list.typeForReport', { command: `${SLASH_COMMAND} <${m.t('help.arg.campaign')}>` }),
        ].join(' '),
      ),
    ]),
    ...listedCampaignMenu(campaigns, m),
  ];
  const names = campaigns.slice(0, 5).map((entry) => userText(nameOf(entry.name, entry.id), 60));
  const count = m.t('list.count', { count: campaigns.length });
  const text =
    campaigns.length === 0
      ? empty
      : `${count}${filterState ? ` · ${escapeSlackText(filterState)}` : ''}: ${names.join(', ')}${campaigns.length > 5 ? ', …' : ''}`;
  return message(text, blocks);
}
