import { CampaignListEntry } from '../../domain/report-model';
import { Subscription, saidReports, saidTarget } from '../../domain/subscription';
import { AppHomeModel } from '../../domain/native-surfaces';
import { Messages, messagesFor } from '../i18n/messages';
import { singleLine } from '../report-figures';
import { saidText } from '../said';
import { ButtonElement, buttonElement, contextBlock, headerBlock, mrkdwn, sectionBlock } from './block-kit';
import { escapeSlackText } from './escape';
import { SLASH_COMMAND } from './help';
import { NATIVE_SURFACE_IDS as IDS } from './native-surface-ids';
import { userText } from './parts';
import { CardBlock, MAX_CARD_BODY, MAX_CARD_TITLE, SlackHomeView, ViewBlock, fitViewBlocks } from './select-elements';

/** Home lists at most this many subscriptions (a section with a button each), then says how many more. */
export const HOME_SUBSCRIPTIONS_SHOWN = 40;

export interface AppHomeOptions {
  /** The campaign's full report page, as summaries link it; no button without it. */
  fullReportUrlFor?: (campaignId: string) => string | null;
  /** A line said at the top once (e.g. after an unsubscribe). */
  notice?: string;
}

function figuresLine(entry: CampaignListEntry, m: Messages, timeZone: string): string {
  return m.t('list.row', {
    calls: entry.totalCalls,
    answerRate: m.percent(entry.answerRate),
    lastCall: m.instant(entry.lastCallAt, timeZone),
  });
}

/**
 * A running campaign: its name, state and figures. The one place its live progress (issue "Live watch":
 * calls per minute, time left) is to be drawn, from the entry the report model gives.
 */
function runningCampaignBlock(entry: CampaignListEntry, m: Messages, timeZone: string): ViewBlock {
  const name = userText(singleLine(entry.name) || entry.id, 150);
  return sectionBlock(
    `*${name}* (${userText(entry.id, 100)}) · ${escapeSlackText(m.state(entry.state))}\n${escapeSlackText(figuresLine(entry, m, timeZone))}`,
  );
}

function completeCampaignCard(
  entry: CampaignListEntry,
  m: Messages,
  timeZone: string,
  options: AppHomeOptions,
): CardBlock {
  const url = options.fullReportUrlFor?.(entry.id) ?? null;
  const open = url
    ? buttonElement({ text: m.t('home.openReport'), actionId: IDS.homeOpenReport, url, value: entry.id })
    : null;
  return {
    type: 'card',
    title: mrkdwn(`*${userText(singleLine(entry.name) || entry.id, 120)}*`, MAX_CARD_TITLE),
    subtitle: mrkdwn(`${userText(entry.id, 100)} · ${escapeSlackText(m.state(entry.state))}`, MAX_CARD_TITLE),
    body: mrkdwn(escapeSlackText(figuresLine(entry, m, timeZone)), MAX_CARD_BODY),
    ...(open ? { actions: [open] } : {}),
  };
}

function subscriptionBlock(subscription: Subscription, m: Messages): ViewBlock {
  const target = escapeSlackText(saidText(saidTarget(subscription.target), m, subscription.target.id));
  const what = escapeSlackText(saidText(saidReports(subscription), m, ''));
  const channel = /^[CGD][A-Z0-9]{2,30}$/.test(subscription.destination)
    ? `<#${subscription.destination}>`
    : userText(subscription.destination, 100);
  const paused = subscription.status === 'broken' ? ` · ${escapeSlackText(m.t('home.paused'))}` : '';
  const unsubscribe = buttonElement({
    text: m.t('home.unsubscribe'),
    actionId: IDS.homeUnsubscribe,
    value: String(subscription.id),
  }) as ButtonElement;
  return sectionBlock(`${channel}: ${what} · ${target}${paused}`, unsubscribe);
}

/**
 * App Home: the running campaigns, the latest complete ones as cards, and this workspace's subscriptions
 * with an Unsubscribe button each; at most 100 blocks.
 */
export function renderSlackAppHome(model: AppHomeModel, options: AppHomeOptions = {}): SlackHomeView {
  const m = messagesFor(model.locale);
  const subscriptions = model.subscriptions.slice(0, HOME_SUBSCRIPTIONS_SHOWN);
  const more = model.subscriptions.length - subscriptions.length;
  const blocks: ViewBlock[] = [
    ...(options.notice ? [sectionBlock(escapeSlackText(options.notice))] : []),
    headerBlock(escapeSlackText(m.t('home.running'))),
    ...(model.running.length > 0
      ? model.running.map((entry) => runningCampaignBlock(entry, m, model.timeZone))
      : [sectionBlock(escapeSlackText(m.t('home.noRunning')))]),
    headerBlock(escapeSlackText(m.t('home.complete'))),
    ...(model.complete.length > 0
      ? model.complete.map((entry) => completeCampaignCard(entry, m, model.timeZone, options))
      : [sectionBlock(escapeSlackText(m.t('home.noComplete')))]),
    headerBlock(escapeSlackText(m.t('home.subscriptions'))),
    ...(subscriptions.length > 0
      ? subscriptions.map((subscription) => subscriptionBlock(subscription, m))
      : [sectionBlock(escapeSlackText(m.t('home.noSubscriptions', { command: `${SLASH_COMMAND} subscribe` })))]),
    ...(more > 0 ? [contextBlock([escapeSlackText(m.t('word.more', { count: m.integer(more) }))])] : []),
    contextBlock([
      escapeSlackText(m.t('home.refreshed', { timeZone: singleLine(model.timeZone), command: SLASH_COMMAND })),
    ]),
  ];
  return { type: 'home', blocks: fitViewBlocks(blocks) };
}

/** Home of a workspace no account is linked to: how to link it, and nothing else. */
export function renderSlackAppHomeUnlinked(workspaceId: string, howToLink: string): SlackHomeView {
  const m = messagesFor(undefined);
  return {
    type: 'home',
    blocks: [
      headerBlock(escapeSlackText(m.t('home.title'))),
      sectionBlock(escapeSlackText(m.t('home.unlinked', { workspace: workspaceId, command: howToLink }))),
    ],
  };
}
