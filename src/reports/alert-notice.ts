import { AlertNotice } from '../domain/alert-notice';
import { parseAlertRef } from '../domain/alert-subject';
import { ReportSubject } from '../domain/delivery';
import { findAccount } from '../storage/accounts';
import { findEpisode } from '../storage/alert-episodes';
import { findCampaign } from '../storage/campaigns';
import { Db } from '../storage/connection';

/** The alert a delivery sends: its episode's firing or clearing, with the figures recorded at the decision. */
export async function loadAlertNotice(db: Db, subject: ReportSubject): Promise<AlertNotice | null> {
  const ref = parseAlertRef(subject.ref);
  if (!ref) return null;
  const episode = await findEpisode(db, subject.accountId, ref.episodeId);
  const account = await findAccount(db, subject.accountId);
  if (!episode || !account) return null;
  if (ref.event === 'clear' && !episode.clearedAt) return null;
  const campaign = episode.campaignId ? await findCampaign(db, subject.accountId, episode.campaignId) : null;
  const clear = ref.event === 'clear';
  return {
    rule: episode.rule,
    event: ref.event,
    accountId: episode.accountId,
    campaignId: episode.campaignId,
    campaignName: campaign?.name ?? episode.campaignId,
    botId: episode.botId,
    figures: clear ? (episode.clearFigures ?? {}) : episode.fireFigures,
    clearReason: clear ? episode.clearReason : null,
    at: clear ? (episode.clearedAt as Date) : episode.firedAt,
    locale: account.locale,
    timeZone: account.timeZone,
  };
}
