import { LiveNote } from '../../domain/delivery';
import { CampaignReport } from '../../domain/report-model';
import { customersCalledText, liveProgressSection } from '../live-progress-figures';
import { messagesOf, statusText } from '../report-figures';
import { SLACK_ACTION_IDS } from './actions';
import { Block, SlackMessage, actionsBlocks, buttonElement, contextBlock } from './block-kit';
import { escapeSlackText } from './escape';
import { figureSectionsBlocks, headerWithSuffix, message, nameOf, userText } from './parts';

const SLACK_USER_ID = /^[UW][A-Z0-9]{2,}$/;

/** Why the message is there: "Live: updated every 30 s until …; subscribed by @x." */
export function liveWhyText(report: CampaignReport, live: LiveNote): string {
  const m = messagesOf(report);
  const seconds = m.integer(live.updateSeconds);
  if (!live.subscribedBy || !SLACK_USER_ID.test(live.subscribedBy))
    return escapeSlackText(m.t('live.why', { seconds }));
  const marker = '\u0001who\u0001';
  return escapeSlackText(m.t('live.whyBy', { seconds, who: marker })).replace(marker, `<@${live.subscribedBy}>`);
}

/**
 * A campaign's live message (docs/live.md): its live progress alone, no charts, edited in place as calls
 * arrive; the final report replaces it when the campaign completes.
 */
export function renderSlackLiveMessage(
  report: CampaignReport,
  live: LiveNote,
  fullReportUrl: string | null = null,
): SlackMessage {
  const { campaign, calls, rates } = report.overview;
  const m = messagesOf(report);
  const name = nameOf(campaign.name, campaign.id);
  const section = liveProgressSection(report);
  const blocks: Block[] = [
    headerWithSuffix(m.t('live.title', { name }), ` · ${statusText(report)}`),
    contextBlock([m.t('campaign.context', { id: userText(campaign.id), bot: userText(campaign.botId) })]),
    ...(section ? figureSectionsBlocks([section]) : []),
    contextBlock([liveWhyText(report, live)]),
    ...actionsBlocks([
      fullReportUrl
        ? buttonElement({
            text: m.t('action.openFullReport'),
            actionId: SLACK_ACTION_IDS.openFullReport,
            url: fullReportUrl,
          })
        : null,
    ]),
  ];
  const text = m.t('live.summary', {
    name: userText(name),
    called: escapeSlackText(customersCalledText(report, m) ?? ''),
    calls: calls.total,
    answerRate: m.percent(rates.answerRate),
    errorShare: m.percent(report.overview.progress?.errorShare ?? null),
  });
  return message(text, blocks);
}
