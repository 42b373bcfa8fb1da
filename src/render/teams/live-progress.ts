import { LiveNote } from '../../domain/delivery';
import { CampaignReport } from '../../domain/report-model';
import { liveProgressSection } from '../live-progress-figures';
import { messagesOf, statusText } from '../report-figures';
import {
  AdaptiveCard,
  CardAction,
  CardElement,
  card,
  figureElements,
  heading,
  httpUrl,
  kicker,
  literal,
  literalTitle,
  note,
} from './card';

/**
 * A campaign's live card (docs/live.md): the live progress alone, updated in place as calls arrive; the
 * final report's card replaces it when the campaign completes. (Teams gives a subscriber's id, not a name
 * to show, so the card says why it was sent without who asked.)
 */
export function renderTeamsLiveCard(
  report: CampaignReport,
  live: LiveNote,
  fullReportUrl?: string | null,
): AdaptiveCard {
  const { campaign } = report.overview;
  const m = messagesOf(report);
  const section = liveProgressSection(report);
  const body: CardElement[] = [
    kicker(m.t('live.section')),
    literalTitle(campaign.name),
    literal(statusText(report), { spacing: 'Small' }, { color: 'Warning', weight: 'Bolder' }),
    ...(section ? [heading(section.title), ...figureElements(section.figures)] : []),
    note(m.t('live.why', { seconds: m.integer(live.updateSeconds) })),
  ];
  const actions: CardAction[] = [];
  const url = httpUrl(fullReportUrl);
  if (url) actions.push({ type: 'Action.OpenUrl', title: m.t('action.openFullReport'), url });
  return card(body, actions);
}
