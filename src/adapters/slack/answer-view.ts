import { alertsOverviewLines } from '../../render/alerts-overview';
import { ChartSpec } from '../../domain/report-model';
import { chartsOf } from '../../render/chart-words';
import { ChatActionAnswer } from '../../reports/chat-actions';
import { messagesFor } from '../../render/i18n/messages';
import { saidText } from '../../render/said';
import { SlackMessage } from '../../render/slack/block-kit';
import { renderSlackCallsReport } from '../../render/slack/calls';
import { renderSlackCampaignReport } from '../../render/slack/campaign';
import { escapeSlackText } from '../../render/slack/escape';
import { SLASH_COMMAND, renderSlackHelp } from '../../render/slack/help';
import { renderSlackCampaignList } from '../../render/slack/list';
import { SlackChartImage } from '../../render/slack/parts';
import { renderSlackText } from '../../render/slack/text';
import { renderSlackUsageReport } from '../../render/slack/usage';
import { subscriptionLines } from '../../render/subscriptions';
import { humanDuration } from '../../render/human-duration';
import { describeSlackReason } from './delivery/broken-destination-text';

export { SLASH_COMMAND };

/** An answer ready to post once its charts have images (or not: the renderer then draws text tables). */
export interface AnswerView {
  charts: readonly ChartSpec[];
  timeZone: string;
  /** The report's locale: the words and numbers drawn into chart images. */
  locale?: string;
  render(images: readonly SlackChartImage[]): SlackMessage;
}

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
        renderSlackHelp({ command: SLASH_COMMAND, notUnderstood: answer.notUnderstood, locale: answer.locale }),
      );
    case 'campaign': {
      const { report } = answer;
      return {
        charts: chartsOf(report),
        timeZone: report.overview.campaign.timeZone,
        locale: report.locale,
        render: (images) =>
          renderSlackCampaignReport(report, {
            charts: images,
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
        render: (images) => renderSlackUsageReport(report, { charts: images }),
      };
    }
    case 'calls':
      return fixed(renderSlackCallsReport(answer.report));
    case 'list':
      return fixed(renderSlackCampaignList(answer.report));
    case 'subscriptions': {
      const m = messagesFor(answer.locale);
      const reasonOf = (reason: string) => describeSlackReason(reason, m) ?? reason;
      const lines = subscriptionLines(answer.subscriptions, m, {
        subscribeCommand: `${SLASH_COMMAND} subscribe all`,
        reasonOf,
      });
      return fixed(renderSlackText(lines.join('\n'), answer.locale));
    }
    case 'message':
      return fixed(renderSlackText(saidText(answer.said, messagesFor(answer.locale), answer.text), answer.locale));
    case 'alerts': {
      const lines = alertsOverviewLines(answer.overview, messagesFor(answer.locale), answer.timeZone);
      return fixed(renderSlackText(lines.join('\n'), answer.locale));
    }
    case 'unlinked':
      return fixed(
        renderSlackText(
          `This Slack workspace (${answer.workspaceId}) is not linked to an account yet, so there is nothing to show. ` +
            `Ask whoever runs Campaign Report to type:\n\`${answer.howToLink}\``,
        ),
      );
    case 'recording': {
      const m = messagesFor(answer.locale);
      const ttl = options.recordingLinkTtlSeconds;
      const valid = ttl ? ` ${m.t('recording.validFor', { duration: humanDuration(ttl, m) })}` : '';
      const title = m.t('recording.of', { callId: escapeSlackText(answer.callId) });
      // Our own link (base URL + base64url token): nothing in it needs escaping inside <url|label>.
      const text = `${title}: ${answer.link}${escapeSlackText(valid)}`;
      const section = `*${title}*: <${answer.link}|${m.t('recording.listenOrDownload')}>.${escapeSlackText(valid)}`;
      return fixed({ text, blocks: [{ type: 'section', text: { type: 'mrkdwn', text: section, verbatim: true } }] });
    }
  }
}
