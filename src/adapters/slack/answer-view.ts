import { alertsOverviewLines } from '../../render/alerts-overview';
import { chartsOf } from '../../render/chart-words';
import { ChatActionAnswer } from '../../reports/chat-actions';
import { messagesFor } from '../../render/i18n/messages';
import { saidText } from '../../render/said';
import { SlackMessage } from '../../render/slack/block-kit';
import { renderSlackCallsReport } from '../../render/slack/calls';
import { renderSlackCampaignReport } from '../../render/slack/campaign';
import { SLASH_COMMAND, renderSlackHelp } from '../../render/slack/help';
import { renderSlackCampaignList } from '../../render/slack/list';
import { renderSlackRecording } from '../../render/slack/recording';
import { renderSlackSubscriptions } from '../../render/slack/subscriptions';
import { renderSlackUnlinked } from '../../render/slack/unlinked';
import { renderSlackText } from '../../render/slack/text';
import { renderSlackUsageReport } from '../../render/slack/usage';
import { describeSlackReason } from './delivery/broken-destination-text';
import { ChartedView } from './send-with-chart-fallback';

export { SLASH_COMMAND };

/** An answer ready to post once its charts have images (or not: the renderer then draws text tables). */
export type AnswerView = ChartedView;

export interface AnswerViewOptions {
  /** The answer is only for the caller: offer "Share in channel". */
  shareable: boolean;
  recordingLinkTtlSeconds?: number;
  /** The campaign's full report page ("Open full report"), as auto-posted summaries have it. */
  fullReportUrl?: string | null;
}

function fixed(message: SlackMessage): AnswerView {
  return { charts: [], timeZone: 'UTC', render: () => message };
}

/** How a chat answer looks in Slack, in the account's language; all figures come from the pure renderers. */
export function answerView(answer: ChatActionAnswer, options: AnswerViewOptions): AnswerView {
  switch (answer.kind) {
    case 'help':
      return fixed(
        renderSlackHelp({
          command: SLASH_COMMAND,
          notUnderstood: answer.notUnderstood,
          locale: answer.locale,
          picker: answer.locale !== undefined,
        }),
      );
    case 'campaign': {
      const { report } = answer;
      return {
        charts: chartsOf(report),
        timeZone: report.overview.campaign.timeZone,
        locale: report.locale,
        render: (images, look) =>
          renderSlackCampaignReport(report, {
            charts: images,
            look,
            shareable: options.shareable,
            fullReportUrl: options.fullReportUrl,
          }),
      };
    }
    case 'usage': {
      const { report } = answer;
      return {
        charts: chartsOf(report),
        timeZone: report.usage.timeZone,
        locale: report.locale,
        render: (images, look) => renderSlackUsageReport(report, { charts: images, look }),
      };
    }
    case 'calls': {
      const { report } = answer;
      return {
        charts: [],
        timeZone: report.timeZone,
        render: (_images, look) => renderSlackCallsReport(report, { tables: look?.tables ?? false }),
      };
    }
    case 'list':
      return fixed(renderSlackCampaignList(answer.report));
    case 'subscriptions': {
      const m = messagesFor(answer.locale);
      return fixed(
        renderSlackSubscriptions(
          answer.subscriptions,
          answer.locale,
          (reason) => describeSlackReason(reason, m) ?? reason,
        ),
      );
    }
    case 'message':
      return fixed(
        renderSlackText(
          saidText(answer.said, messagesFor(answer.locale), answer.text, { command: SLASH_COMMAND }),
          answer.locale,
        ),
      );
    case 'alerts':
      return fixed(
        renderSlackText(
          alertsOverviewLines(answer.overview, messagesFor(answer.locale), answer.timeZone).join('\n'),
          answer.locale,
        ),
      );
    case 'unlinked':
      return fixed(renderSlackUnlinked(answer.workspaceId, answer.howToLink));
    case 'recording':
      return fixed(
        renderSlackRecording({
          callId: answer.callId,
          link: answer.link,
          locale: answer.locale,
          ttlSeconds: options.recordingLinkTtlSeconds,
        }),
      );
  }
}
