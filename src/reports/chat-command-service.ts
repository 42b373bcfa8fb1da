import { ChatCommand, NotUnderstoodReason, SubscriptionRef, parseChatCommand } from '../domain/command-grammar';
import { InvalidInput, NotFound, Said } from '../domain/errors';
import { ChatPlatform } from '../domain/platforms';
import { CallsReport, CampaignListReport, CampaignReport, UsageReport } from '../domain/report-model';
import {
  Subscription,
  SubscriptionTarget,
  describeSubscribedReports,
  describeTarget,
  saidReports,
  saidTarget,
} from '../domain/subscription';
import { findVoicebot } from '../storage/voicebots';
import { LinkedWorkspace, findLinkedWorkspace } from '../storage/workspace-links';
import { listDestinationSubscriptions, subscribe, unsubscribe } from '../storage/subscriptions';
import { AlertsOverview, changeAlertRule, changeBudget, loadAlertsOverview } from './alert-settings-service';
import { loadCallsReport } from './calls-report';
import { loadCampaignList } from './campaign-list';
import { loadCampaignReport } from './campaign-report';
import { ReportDeps, accountOf, withAccountRead, withCampaignRead } from './report-context';
import { resolveCampaign } from './resolve-campaign';
import { loadUsageReport } from './usage-report';

/** Where a chat command was typed: the workspace (Slack team, Teams tenant), the conversation and who typed it. */
export interface ChatPlace {
  platform: ChatPlatform;
  workspaceId: string;
  destination: string;
  userId: string;
  /** How the person is shown when a change they made is announced; the user id without it. */
  userName?: string;
  /** The workspace's link, read once for every part of one answer that asks (placeOfOneAnswer). */
  linked?: Promise<LinkedWorkspace>;
}

/**
 * What a chat surface renders; every figure is a report model, never surface-specific text. `locale` is the
 * linked account's (reports carry theirs), absent when no account is known: the answer is then in English.
 * A message says `text` in English, and `said` the same for the catalog.
 */
export type ChatAnswer =
  | { kind: 'help'; notUnderstood?: { text: string; reason: NotUnderstoodReason }; locale?: string }
  | { kind: 'campaign'; report: CampaignReport }
  | { kind: 'calls'; report: CallsReport }
  | { kind: 'usage'; report: UsageReport }
  | { kind: 'list'; report: CampaignListReport }
  | { kind: 'subscriptions'; subscriptions: Subscription[]; locale?: string }
  | { kind: 'message'; text: string; said?: Said; locale?: string; announce?: boolean }
  | { kind: 'alerts'; overview: AlertsOverview; locale: string; timeZone: string }
  | { kind: 'unlinked'; workspaceId: string; howToLink: string };

export const DEFAULT_CHAT_CALL_ROWS = 15;

/** The CLI line an operator runs to let this workspace see an account (docs/cli.md). */
export function howToLinkWorkspace(platform: ChatPlace['platform'], workspaceId: string): string {
  const idName = platform === 'slack' ? 'team_id' : 'tenant_id';
  return `npm run cli -- link ${platform} ${workspaceId || `<${idName}>`} <account_id>`;
}

/** Control characters (NUL above all, which PostgreSQL refuses in text) are never part of an id or a name. */
export function withoutControlCharacters(text: string): string {
  return (text ?? '').replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, ' ');
}

type LinkedPlace = Pick<ChatPlace, 'platform' | 'workspaceId' | 'linked'>;

/** The workspace's link with the account's locale and the Slack look: the place's own read, if it has one. */
export function linkedWorkspaceOf(deps: ReportDeps, place: LinkedPlace): Promise<LinkedWorkspace | null> {
  if (!place.workspaceId) return Promise.resolve(null);
  return place.linked ?? findLinkedWorkspace(deps.db, place.platform, place.workspaceId);
}

/** The account a workspace may see, or null when nobody linked it. */
export async function linkedAccountOf(deps: ReportDeps, place: LinkedPlace): Promise<string | null> {
  return (await linkedWorkspaceOf(deps, place))?.accountId ?? null;
}

/**
 * The place of one answer, its link read once for all of the answer's parts (the report, its link, its
 * language, how it is sent) instead of once each, with the account's locale and the workspace's Slack look in
 * the same round trip, and with `commandText` the campaign the command names by id. Only for a place made for
 * one answer: a link made later is not seen.
 */
export function placeOfOneAnswer<P extends LinkedPlace>(deps: ReportDeps, place: P, commandText?: string): P {
  if (!place.workspaceId) return place;
  const campaignId = commandText === undefined ? undefined : campaignIdOf(commandText);
  const linked = findLinkedWorkspace(deps.db, place.platform, place.workspaceId, campaignId);
  linked.catch(() => undefined); // whoever awaits it sees the failure; it is never left unhandled
  return { ...place, linked };
}

/** The campaign id a command names (an overview's, a call list's), which its place reads with the link. */
function campaignIdOf(text: string): string | undefined {
  const command = parseChatCommand(withoutControlCharacters(text));
  if (command.kind !== 'campaign' && command.kind !== 'calls') return undefined;
  return command.ref.trim() || undefined;
}

/** The locale of the account a workspace may see; undefined when none is linked (or it is gone). */
export async function linkedLocaleOf(deps: ReportDeps, place: LinkedPlace): Promise<string | undefined> {
  return (await linkedWorkspaceOf(deps, place))?.account?.locale;
}

/**
 * Answers one chat command (docs/chat.md) for the account linked to the workspace, and that account
 * only. User mistakes (unknown or ambiguous campaign, bad month…) come back as a 'message'; only
 * infrastructure failures throw.
 */
export async function answerChatCommand(
  deps: ReportDeps,
  place: ChatPlace,
  text: string,
  options: { now?: Date; callRows?: number } = {},
): Promise<ChatAnswer> {
  const command = parseChatCommand(withoutControlCharacters(text));
  if (command.kind === 'help' || command.kind === 'not-understood') {
    const locale = await linkedLocaleOf(deps, place);
    const notUnderstood = command.kind === 'not-understood' ? { text: command.text, reason: command.reason } : undefined;
    return { kind: 'help', ...(notUnderstood ? { notUnderstood } : {}), ...(locale ? { locale } : {}) };
  }
  return withLinkedAccount(deps, place, (accountId, deps) => runCommand(deps, accountId, place, command, options));
}

/**
 * Runs `work` for the account linked to the workspace: an unlinked workspace gets 'unlinked', and a
 * user mistake (InvalidInput, NotFound, AmbiguousCampaign) a 'message'. Buttons go through here too.
 * `work` gets the deps of this answer: `deps` with the account the link's read brought (not read again).
 */
export async function withLinkedAccount<T>(
  deps: ReportDeps,
  place: LinkedPlace,
  work: (accountId: string, deps: ReportDeps) => Promise<T>,
): Promise<T | Extract<ChatAnswer, { kind: 'unlinked' | 'message' }>> {
  const linked = await linkedWorkspaceOf(deps, place);
  const accountId = linked?.accountId;
  if (!accountId) {
    return { kind: 'unlinked', workspaceId: place.workspaceId, howToLink: howToLinkWorkspace(place.platform, place.workspaceId) };
  }
  try {
    return await work(accountId, withCampaignRead(withAccountRead(deps, linked.account), accountId, linked.campaignRead));
  } catch (error) {
    if (error instanceof InvalidInput || error instanceof NotFound) {
      const locale = linked.account?.locale;
      return { kind: 'message', text: error.message, ...(error.said ? { said: error.said } : {}), ...(locale ? { locale } : {}) };
    }
    throw error;
  }
}

async function runCommand(
  deps: ReportDeps,
  accountId: string,
  place: ChatPlace,
  command: Exclude<ChatCommand, { kind: 'help' } | { kind: 'not-understood' }>,
  options: { now?: Date; callRows?: number },
): Promise<ChatAnswer> {
  switch (command.kind) {
    case 'campaign':
      return { kind: 'campaign', report: await loadCampaignReport(deps, accountId, command.ref) };
    case 'calls': {
      const filter = { ...(command.status ? { status: command.status } : {}), ...(command.resultCode ? { resultCode: command.resultCode } : {}) };
      const report = await loadCallsReport(deps, accountId, command.ref, filter, options.callRows ?? DEFAULT_CHAT_CALL_ROWS);
      return { kind: 'calls', report };
    }
    case 'usage': {
      if (command.bot && !(await findVoicebot(deps.db, accountId, command.bot))) {
        const said: Said = { key: 'noVoicebot', values: { bot: command.bot } };
        throw new NotFound(`no voicebot "${command.bot}" in this account; write usage without a bot to see them all`, said);
      }
      const report = await loadUsageReport(deps, accountId, { month: command.month, botId: command.bot, now: options.now, withPrevious: true });
      return { kind: 'usage', report };
    }
    case 'list':
      return { kind: 'list', report: await loadCampaignList(deps, accountId, command.state) };
    case 'subscriptions': {
      const { locale } = await accountOf(deps, accountId);
      const subscriptions = await listDestinationSubscriptions(deps.db, accountId, place.platform, place.destination);
      return { kind: 'subscriptions', subscriptions, locale };
    }
    case 'subscribe':
      return subscribePlace(deps, accountId, place, command);
    case 'unsubscribe':
      return unsubscribePlace(deps, accountId, place, command.target);
    case 'alerts': {
      const { locale, timeZone } = await accountOf(deps, accountId);
      return { kind: 'alerts', overview: await loadAlertsOverview(deps.db, accountId), locale, timeZone };
    }
    case 'alert':
    case 'budget': {
      // A change is announced in the conversation, with who made it (docs/alerts.md).
      const { locale } = await accountOf(deps, accountId);
      const by = place.userName || place.userId;
      const said =
        command.kind === 'alert'
          ? await changeAlertRule(deps.db, accountId, command.rule, command.value, by)
          : await changeBudget(deps.db, accountId, command.bot, command.value, by);
      return { kind: 'message', text: said.key, said, locale, announce: true };
    }
  }
}

async function subscribePlace(
  deps: ReportDeps,
  accountId: string,
  place: ChatPlace,
  command: Extract<ChatCommand, { kind: 'subscribe' }>,
): Promise<ChatAnswer> {
  const { locale } = await accountOf(deps, accountId);
  const target = await resolveSubscriptionTarget(deps, accountId, command.target);
  // A campaign has no month, so no digest (domain/subscription wantsDigest).
  const digest = command.digest && target.kind !== 'campaign';
  if (!command.summaries && !digest && !command.live && !command.alerts) {
    const said: Said = { key: 'campaignHasNoDigest', values: { campaign: target.id } };
    throw new InvalidInput(`a campaign has no monthly digest; subscribe ${target.id} summaries, or a bot or all for the digest`, [], 0, said);
  }
  const saved = await subscribe(deps.db, {
    accountId,
    platform: place.platform,
    workspaceId: place.workspaceId,
    destination: place.destination,
    target,
    summaries: command.summaries,
    digest,
    live: command.live,
    alerts: command.alerts,
    createdBy: place.userId || null,
  });
  const what = describeSubscribedReports(saved);
  const said: Said = { key: 'subscribed', values: { what: saidReports(saved), target: saidTarget(saved.target) } };
  return { kind: 'message', text: `Subscribed here to ${what} of ${describeTarget(saved.target)}.`, said, locale };
}

async function unsubscribePlace(deps: ReportDeps, accountId: string, place: ChatPlace, ref: SubscriptionRef): Promise<ChatAnswer> {
  const { locale } = await accountOf(deps, accountId);
  const existing = await listDestinationSubscriptions(deps.db, accountId, place.platform, place.destination);
  // A subscription may outlive its campaign's prefix uniqueness: match stored ids first.
  const stored = ref.kind === 'ref' ? existing.find((s) => s.target.kind !== 'all' && s.target.id === ref.ref) : undefined;
  const target = stored?.target ?? (await resolveSubscriptionTarget(deps, accountId, ref));
  const removed = await unsubscribe(deps.db, accountId, place.platform, place.destination, target);
  return {
    kind: 'message',
    text: removed ? `Unsubscribed here from ${describeTarget(target)}.` : `There was no subscription to ${describeTarget(target)} here.`,
    said: { key: removed ? 'unsubscribed' : 'noSubscription', values: { target: saidTarget(target) } },
    locale,
  };
}

/** `all`, a voicebot of the account, else a campaign of the account (id or unique prefix). */
export async function resolveSubscriptionTarget(deps: ReportDeps, accountId: string, ref: SubscriptionRef): Promise<SubscriptionTarget> {
  if (ref.kind === 'all') return { kind: 'all', id: '' };
  const bot = await findVoicebot(deps.db, accountId, ref.ref);
  if (bot) return { kind: 'bot', id: bot.botId };
  try {
    const campaign = await resolveCampaign(deps.db, accountId, ref.ref);
    return { kind: 'campaign', id: campaign.id };
  } catch (error) {
    if (!(error instanceof NotFound)) throw error;
    const said: Said = { key: 'noTarget', values: { text: ref.ref } };
    throw new NotFound(`no voicebot or campaign matches "${ref.ref}"; write a bot id, a campaign (id or the start of its name) or all`, said);
  }
}
