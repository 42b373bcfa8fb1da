import { App } from '@slack/bolt';
import { LinkSecrets } from '../../../domain/recording-token';
import { previewReportLink } from '../../../reports/report-link-preview';
import { renderReportUnfurl } from '../../../render/slack/report-unfurl';
import { SlackTeamRef } from '../slack-auth';
import { SlackRuntime, lazyClient, slackPlace } from '../slack-runtime';

export interface UnfurlSettings {
  publicBaseUrl: string;
  linkSecrets: LinkSecrets | undefined;
}

/** Slack sends at most a handful of links per message; more than this are not looked at. */
const MAX_LINKS = 10;

export interface LinkSharedEvent {
  channel: string;
  message_ts: string;
  user: string;
  links: { url: string; domain: string }[];
  unfurl_id?: string;
  source?: string;
}

/**
 * A report page link pasted in a workspace (link_shared) unfurls into its campaign's summary only when the
 * link is ours, valid, and of the account linked to that workspace; otherwise nothing is shown and the
 * attempt is logged (warn), with why.
 */
export function registerReportLinkUnfurl(app: App, runtime: SlackRuntime, settings: UnfurlSettings): void {
  app.event('link_shared', async ({ event, body }) => {
    const team: SlackTeamRef = { teamId: body.team_id, enterpriseId: body.enterprise_id };
    await runtime.work.run('link-shared', () => unfurlReportLinks(runtime, settings, team, event as LinkSharedEvent));
  });
}

/** Link previews, as handed to an answer thread (plain data; the thread has the settings). */
export interface LinkUnfurlTask {
  team: SlackTeamRef;
  event: LinkSharedEvent;
}

/** Previews the links of one message: in an answer thread when the web process has them. */
export async function unfurlReportLinks(
  runtime: SlackRuntime,
  settings: UnfurlSettings,
  team: SlackTeamRef,
  event: LinkSharedEvent,
): Promise<void> {
  if (runtime.offload)
    return runtime.offload.answer({ kind: 'link-unfurl', payload: { team, event } satisfies LinkUnfurlTask });
  const place = slackPlace(team, event.channel, event.user);
  const nowSeconds = Math.floor((runtime.deps.now?.() ?? new Date()).getTime() / 1000);
  const unfurls: Record<string, { blocks: unknown[] }> = {};
  for (const link of (Array.isArray(event.links) ? event.links : []).slice(0, MAX_LINKS)) {
    const url = typeof link?.url === 'string' ? link.url : '';
    const preview = await previewReportLink(runtime.deps, place, url, { ...settings, nowSeconds });
    if (preview.kind === 'preview') {
      unfurls[url] = renderReportUnfurl(preview.report);
    } else {
      runtime.logger.warn(
        { teamId: place.workspaceId, channel: event.channel, reason: preview.reason, linkAccountId: preview.accountId },
        'report link not previewed',
      );
    }
  }
  if (Object.keys(unfurls).length === 0) return;
  const client = await lazyClient(runtime, team)();
  if (!client) return;
  const where =
    event.unfurl_id && event.source
      ? { unfurl_id: event.unfurl_id, source: event.source }
      : { channel: event.channel, ts: event.message_ts };
  await client.chat.unfurl({ ...where, unfurls } as never);
}
