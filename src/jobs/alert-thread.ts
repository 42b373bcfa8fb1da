import { parseAlertRef } from '../domain/alert-subject';
import { MessageRef } from '../domain/delivery';
import { findEpisode } from '../storage/alert-episodes';
import { Db } from '../storage/connection';
import { Delivery, findCampaignMessage } from '../storage/deliveries';

/**
 * Where an alert goes in a chat destination: under its campaign's message there when it has one
 * (the live message or the summary), else (a budget alert, or no campaign message) a message of its own.
 */
export async function alertThreadOf(db: Db, row: Delivery): Promise<MessageRef | null> {
  if (row.reportKind !== 'alert' || row.channelKind === 'email') return null;
  const ref = parseAlertRef(row.reportRef);
  const episode = ref ? await findEpisode(db, row.accountId, ref.episodeId) : null;
  if (!episode?.campaignId) return null;
  return findCampaignMessage(db, row.accountId, episode.campaignId, row);
}
