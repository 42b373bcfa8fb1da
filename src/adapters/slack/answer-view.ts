import { ChartSpec } from '../../domain/report-model';
import { chartsOf } from '../../render/chart-words';
import { Subscription, describeSubscribedReports, describeTarget } from '../../domain/subscription';
import { ChatActionAnswer } from '../../reports/chat-actions';
import { SlackMessage } from '../../render/slack-block-kit';
import {
  SlackChartImage,
  renderSlackCallsReport,
  renderSlackCampaignList,
  renderSlackCampaignReport,
  renderSlackHelp,
  renderSlackText,
  renderSlackUsageReport,
} from '../../render/slack-blocks';
import { escapeSlackText } from '../../render/slack-escape';

export const SLASH_COMMAND = '/campaign-report';

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
}

function fixed(message: SlackMessage): AnswerView {
  return { charts: [], timeZone: 'UTC', render: () => message };
}

function subscriptionsText(subscriptions: readonly Subscription[]): string {
  if (subscriptions.length === 0) return `This channel has no subscriptions. Try: ${SLASH_COMMAND} subscribe all`;
  const lines = subscriptions.map((s) => {
    const what = describeSubscribedReports(s);
    const broken = s.status === 'broken' ? ` (stopped: ${s.brokenReason ?? 'cannot post here'}; subscribe again to restart)` : '';
    return `• ${describeTarget(s.target)}: ${what}${broken}`;
  });
  return ['Subscriptions of this channel:', ...lines].join('\n');
}

function humanDuration(seconds: number): string {
  if (seconds % 86400 === 0) return `${seconds / 86400} day${seconds === 86400 ? '' : 's'}`;
  if (seconds % 3600 === 0) return `${seconds / 3600} hour${seconds === 3600 ? '' : 's'}`;
  return `${Math.round(seconds / 60)} minutes`;
}

/** How a chat answer looks in Slack; all figures come from the pure renderers. */
export function answerView(answer: ChatActionAnswer, options: AnswerViewOptions): AnswerView {
  switch (answer.kind) {
    case 'help': {
      const help = renderSlackHelp({ command: SLASH_COMMAND });
      if (!answer.notUnderstood) return fixed(help);
      const problem = renderSlackText(answer.notUnderstood);
      return fixed({ text: `${problem.text} ${help.text}`, blocks: [...problem.blocks, ...help.blocks] });
    }
    case 'campaign': {
      const { report } = answer;
      return {
        charts: chartsOf(report),
        timeZone: report.overview.campaign.timeZone,
        locale: report.locale,
        render: (images) => renderSlackCampaignReport(report, { charts: images, shareable: options.shareable }),
      };
    }
    case 'usage': {
      const { report } = answer;
      return { charts: chartsOf(report), timeZone: report.usage.timeZone, locale: report.locale, render: (images) => renderSlackUsageReport(report, { charts: images }) };
    }
    case 'calls':
      return fixed(renderSlackCallsReport(answer.report));
    case 'list':
      return fixed(renderSlackCampaignList(answer.report));
    case 'subscriptions':
      return fixed(renderSlackText(subscriptionsText(answer.subscriptions)));
    case 'message':
      return fixed(renderSlackText(answer.text));
    case 'unlinked':
      return fixed(
        renderSlackText(
          `This Slack workspace (${answer.workspaceId}) is not linked to an account yet, so there is nothing to show. ` +
            `Ask whoever runs Campaign Report to type:\n\`${answer.howToLink}\``,
        ),
      );
    case 'recording': {
      const valid = options.recordingLinkTtlSeconds ? ` The link works for ${humanDuration(options.recordingLinkTtlSeconds)}.` : '';
      // Our own link (base URL + base64url token): nothing in it needs escaping inside <url|label>.
      const text = `Recording of call ${escapeSlackText(answer.callId)}: ${answer.link}${valid}`;
      const section = `*Recording of call ${escapeSlackText(answer.callId)}*: <${answer.link}|listen or download>.${escapeSlackText(valid)}`;
      return fixed({ text, blocks: [{ type: 'section', text: { type: 'mrkdwn', text: section, verbatim: true } }] });
    }
  }
}
