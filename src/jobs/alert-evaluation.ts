import { AlertFigures } from '../domain/alert-notice';
import {
  ANSWER_RATE_WINDOW,
  AlertSettings,
  BASELINE_CAMPAIGNS,
  BASELINE_MIN_CALLS,
  ERRORS_WINDOW,
  Rate,
  answerRateClearFactor,
  baselineOf,
  budgetLevelsToFire,
  decideAnswerRate,
  decideErrors,
  decideStalled,
  errorsClearPercent,
  percentOf,
  ratePercent,
  thresholdText,
} from '../domain/alert-rules';
import { DECIMAL_SCALE, Micros } from '../domain/decimal';
import { monthOf, monthRange } from '../domain/time-zone';
import { findAccount } from '../storage/accounts';
import { AlertEpisode, budgetScope, firedBudgetLevels, openCampaignEpisodes } from '../storage/alert-episodes';
import { findBudget, loadAlertSettings } from '../storage/alert-settings';
import { baselineCampaigns, latestCallStatuses } from '../storage/alert-windows';
import { campaignCallCount } from '../storage/rollups';
import { Campaign, findCampaign } from '../storage/campaigns';
import { Db } from '../storage/connection';
import { loadBotUsage } from '../storage/usage';
import { AlertChange, AlertDeps, AppliedChange, enqueueAlertDeliveries, recordAlertChanges } from './alert-changes';

const UNIT = 10n ** BigInt(DECIMAL_SCALE);

/** factor × baseline as a whole percent, half up (the answer rate a rule compares with). */
function scaledPercent(factor: Micros, baseline: Rate): number {
  const num = factor * baseline.num * 100n;
  const den = UNIT * baseline.den;
  return Number((2n * num + den) / (2n * den));
}

interface Window {
  campaignCalls: number;
  /** Newest first, at most the answer-rate window. */
  statuses: string[];
}

function errorsChange(
  open: AlertEpisode | undefined,
  campaign: Campaign,
  w: Window,
  percent: Micros,
): AlertChange | null {
  const window = w.statuses.slice(0, ERRORS_WINDOW);
  const errors = window.filter((status) => status === 'error').length;
  const decision = decideErrors(
    open !== undefined,
    { campaignCalls: w.campaignCalls, windowCalls: window.length, windowErrors: errors },
    percent,
  );
  const figures = { errors, calls: window.length, percent: percentOf(errors, window.length) };
  if (decision === 'fire') {
    return {
      event: 'fire',
      rule: 'errors',
      scope: campaign.id,
      campaignId: campaign.id,
      botId: campaign.botId,
      figures: { ...figures, threshold: thresholdText(percent) },
    };
  }
  if (decision === 'clear' && open) {
    return {
      event: 'clear',
      episode: open,
      reason: 'recovered',
      figures: { ...figures, clearAt: thresholdText(errorsClearPercent(percent)) },
    };
  }
  return null;
}

async function answerRateChange(
  db: Db,
  open: AlertEpisode | undefined,
  campaign: Campaign,
  w: Window,
  factor: Micros,
): Promise<AlertChange | null> {
  if (!open && w.campaignCalls < BASELINE_MIN_CALLS) return null;
  const baseline = baselineOf(
    await baselineCampaigns(db, campaign.accountId, campaign.botId, BASELINE_MIN_CALLS, BASELINE_CAMPAIGNS),
  );
  if (!baseline) return null;
  const window = w.statuses.slice(0, ANSWER_RATE_WINDOW);
  const successful = window.filter((status) => status === 'successful').length;
  const decision = decideAnswerRate(
    open !== undefined,
    { campaignCalls: w.campaignCalls, windowCalls: window.length, windowSuccessful: successful, baseline },
    factor,
  );
  const figures: AlertFigures = {
    successful,
    calls: window.length,
    percent: percentOf(successful, window.length),
    baseline: ratePercent(baseline),
  };
  if (decision === 'fire') {
    return {
      event: 'fire',
      rule: 'answer-rate',
      scope: campaign.id,
      campaignId: campaign.id,
      botId: campaign.botId,
      figures: { ...figures, threshold: thresholdText(factor), below: scaledPercent(factor, baseline) },
    };
  }
  if (decision === 'clear' && open) {
    const clearFactor = answerRateClearFactor(factor);
    return {
      event: 'clear',
      episode: open,
      reason: 'recovered',
      figures: { ...figures, clearFactor: thresholdText(clearFactor), clearAt: scaledPercent(clearFactor, baseline) },
    };
  }
  return null;
}

/** The `stalled` decision for a campaign at `now` (the scheduler fires it; a call or completion clears it). */
export function stalledChange(
  open: AlertEpisode | undefined,
  campaign: Campaign,
  now: Date,
  minutes: Micros,
): AlertChange | null {
  const decision = decideStalled(
    {
      complete: campaign.recordedState === 'complete',
      hasCompletionEvent: campaign.completedEventReceivedAt !== null,
      lastReceivedAt: campaign.lastReceivedAt,
      openSince: open ? new Date(String(open.fireFigures.lastCall)) : undefined,
    },
    now,
    minutes,
  );
  const lastCall = campaign.lastReceivedAt?.toISOString() ?? null;
  if (decision === 'fire' && campaign.lastReceivedAt) {
    const quiet = Math.floor((now.getTime() - campaign.lastReceivedAt.getTime()) / 60_000);
    return {
      event: 'fire',
      rule: 'stalled',
      scope: campaign.id,
      campaignId: campaign.id,
      botId: campaign.botId,
      figures: { minutes: quiet, lastCall, threshold: thresholdText(minutes) },
    };
  }
  if (decision === 'clear' && open) {
    const completed = campaign.recordedState === 'complete';
    return { event: 'clear', episode: open, reason: completed ? 'completed' : 'recovered', figures: { lastCall } };
  }
  return null;
}

/** The `budget` levels the bot reached this month (account time zone) and has not fired yet. */
async function budgetChanges(db: Db, campaign: Campaign, now: Date): Promise<AlertChange[]> {
  const budget = await findBudget(db, campaign.accountId, campaign.botId);
  if (budget === null) return [];
  const account = await findAccount(db, campaign.accountId);
  if (!account) return [];
  const month = monthOf(now, account.timeZone);
  const range = monthRange(month, account.timeZone);
  const [usage] = await loadBotUsage(db, campaign.accountId, range.start, range.end, campaign.botId);
  const blocks = usage?.blocks ?? 0;
  const fired = await firedBudgetLevels(db, campaign.accountId, campaign.botId, month);
  return budgetLevelsToFire(blocks, budget, fired).map((level) => ({
    event: 'fire' as const,
    rule: 'budget' as const,
    scope: budgetScope(campaign.botId, month, level),
    campaignId: null,
    botId: campaign.botId,
    figures: { blocks, budget, percent: percentOf(blocks, budget), level, month },
  }));
}

/** Every open episode of a complete campaign clears with its final report. */
function completedChanges(open: readonly AlertEpisode[]): AlertChange[] {
  return open.map((episode) => ({ event: 'clear' as const, episode, reason: 'completed' as const, figures: null }));
}

/** What the rules decide for one campaign now, from its latest calls (one bounded index read) and rollup. */
async function decideCampaign(db: Db, campaign: Campaign, settings: AlertSettings, now: Date): Promise<AlertChange[]> {
  const open = await openCampaignEpisodes(db, campaign.accountId, campaign.id);
  if (campaign.recordedState === 'complete') return completedChanges(open);
  const openOf = (rule: string) => open.find((episode) => episode.rule === rule);
  const changes: (AlertChange | null)[] = [];
  const wantsErrors = settings.errors.enabled || openOf('errors');
  const wantsAnswerRate = settings['answer-rate'].enabled || openOf('answer-rate');
  if (wantsErrors || wantsAnswerRate) {
    const window: Window = {
      campaignCalls: await campaignCallCount(db, campaign.accountId, campaign.id),
      statuses: await latestCallStatuses(db, campaign.accountId, campaign.id, ANSWER_RATE_WINDOW),
    };
    if (settings.errors.enabled)
      changes.push(errorsChange(openOf('errors'), campaign, window, settings.errors.threshold));
    if (settings['answer-rate'].enabled) {
      changes.push(
        await answerRateChange(db, openOf('answer-rate'), campaign, window, settings['answer-rate'].threshold),
      );
    }
  }
  const stalled = openOf('stalled');
  if (stalled) changes.push(stalledChange(stalled, campaign, now, settings.stalled.threshold));
  changes.push(...(await budgetChanges(db, campaign, now)));
  return changes.filter((change): change is AlertChange => change !== null);
}

/**
 * Evaluates one campaign's alert rules after its calls were stored (the `watch` job, at most once a second
 * per campaign). Under a per-campaign advisory lock, so that two workers evaluating the same campaign
 * decide one after the other; each decision is recorded with its episode and ledger rows in one
 * transaction, then its deliveries are enqueued.
 */
export async function evaluateCampaignAlerts(
  deps: AlertDeps,
  target: { accountId: string; campaignId: string },
  now: Date = new Date(),
): Promise<AppliedChange[]> {
  const applied = await deps.db.transaction(async (trx) => {
    await trx.raw('select pg_advisory_xact_lock(hashtext(?), hashtext(?))', [target.accountId, target.campaignId]);
    const campaign = await findCampaign(trx, target.accountId, target.campaignId);
    if (!campaign) return [];
    const settings = await loadAlertSettings(trx, target.accountId);
    const changes = await decideCampaign(trx, campaign, settings, now);
    return recordAlertChanges(trx, deps, target.accountId, changes, now);
  });
  await enqueueAlertDeliveries(deps, applied);
  return applied;
}
