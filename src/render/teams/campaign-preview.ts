import { CampaignState } from '../../domain/campaign-overview';
import { CampaignReport } from '../../domain/report-model';
import { Messages } from '../i18n/messages';
import { keyFigures } from '../key-figures';
import { campaignFacts, messagesOf, statusText } from '../report-figures';
import {
  AdaptiveCard,
  CardAction,
  NAME_MAX_CHARS,
  card,
  dataText,
  factSet,
  httpUrl,
  kicker,
  literalFacts,
  literalTitle,
  text,
} from './card';

/**
 * What the message extension answers with (manifests/teams composeExtensions): a campaign found by the
 * search command, and a pasted report link unfurled. Each result is a card (what goes into the message)
 * and a preview (the list item in the compose box: a thumbnail card's title and text, shown as plain text).
 */
export interface ComposeResult {
  card: AdaptiveCard;
  preview: { title: string; text: string };
}

/** A campaign as the search command lists it (reports/campaign-state-now's state). */
export interface CampaignChoice {
  id: string;
  name: string;
  botId: string;
  state: CampaignState;
}

const buttons = (campaignId: string, m: Messages): CardAction[] => [
  { type: 'Action.Submit', title: m.t('action.overview'), data: { command: campaignId } },
  { type: 'Action.Submit', title: m.t('action.calls'), data: { command: `calls ${campaignId}` } },
];

/** A found campaign: its name, id, state and bot, and buttons for its overview and its calls. */
export function renderCampaignChoice(choice: CampaignChoice, m: Messages): ComposeResult {
  const subtitle = m.t('teamsSearch.subtitle', {
    id: dataText(choice.id),
    state: m.state(choice.state),
    bot: dataText(choice.botId),
  });
  return {
    card: card(
      [
        kicker(m.t('report.campaign')),
        literalTitle(choice.name),
        literalFacts([
          { title: m.t('fact.campaign'), value: choice.id },
          { title: m.t('fact.status'), value: m.state(choice.state) },
          { title: m.t('fact.voicebot'), value: choice.botId },
        ]),
      ],
      buttons(choice.id, m),
    ),
    preview: { title: dataText(choice.name, NAME_MAX_CHARS), text: subtitle },
  };
}

/** A report link unfurled: the campaign, its status and its five key figures, and the way on. */
export function renderCampaignSummary(report: CampaignReport, fullReportUrl: string): ComposeResult {
  const { campaign } = report.overview;
  const m = messagesOf(report);
  const figures = keyFigures(report);
  const identity = campaignFacts(report).filter((fact) => fact.label === m.t('fact.campaign'));
  const actions = buttons(campaign.id, m);
  const url = httpUrl(fullReportUrl);
  if (url) actions.push({ type: 'Action.OpenUrl', title: m.t('action.openFullReport'), url });
  return {
    card: card(
      [
        kicker(m.t('report.campaign')),
        literalTitle(campaign.name),
        text(statusText(report), { color: campaign.final ? 'Good' : 'Warning', weight: 'Bolder', spacing: 'Small' }),
        literalFacts(identity.map((fact) => ({ title: fact.label, value: fact.value }))),
        factSet(figures.map((figure) => ({ title: figure.label, value: figure.value }))),
      ],
      actions,
    ),
    preview: {
      title: dataText(campaign.name, NAME_MAX_CHARS),
      text: [statusText(report), ...figures.slice(0, 2).map((figure) => `${figure.label} ${figure.value}`)].join(' · '),
    },
  };
}
