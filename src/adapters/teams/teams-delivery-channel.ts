import { Logger } from 'pino';
import {
  DeliverableReport,
  DeliveryAttempt,
  DeliveryChannel,
  DeliveryTarget,
  MessageRef,
  ReportSubject,
  liveNoteOf,
} from '../../domain/delivery';
import { deliverySubjectText } from '../../render/delivery-subject';
import { messagesFor } from '../../render/i18n/messages';
import { AdaptiveCard } from '../../render/teams/card';
import { renderTeamsAlert } from '../../render/teams/alert';
import { renderTextCard } from '../../render/teams/text';
import { renderTeamsLiveCard } from '../../render/teams/live-progress';
import { findAccount } from '../../storage/accounts';
import { Db } from '../../storage/connection';
import { findPersonalTeamsConversation } from '../../storage/teams-conversations';
import { TeamsCardSettings, renderTeamsCampaignCard, renderTeamsUsageCard } from './answer-card';
import { describeTeamsReason } from './delivery-errors';
import { TeamsDelivery } from './teams-delivery';

export interface TeamsDeliveryChannelOptions {
  deliver: TeamsDelivery;
  cards: TeamsCardSettings;
  db: Db;
  logger: Logger;
}

/** The card a subscribed Teams conversation receives: the campaign overview, or the monthly digest. */
export async function renderTeamsDeliveryCard(
  report: DeliverableReport,
  cards: TeamsCardSettings,
): Promise<AdaptiveCard> {
  if (report.kind === 'alert') return renderTeamsAlert(report.notice);
  const live = liveNoteOf(report);
  if (live && report.kind === 'campaign') return renderTeamsLiveCard(report.report, live, report.fullReportUrl);
  return report.kind === 'campaign'
    ? renderTeamsCampaignCard(report.report, cards, {
        accountId: report.subject.accountId,
        fullReportUrl: report.fullReportUrl,
      })
    : renderTeamsUsageCard(report.report, cards);
}

/** What the person who subscribed a conversation reads, in the account's language, when reports can no longer go there. */
export function brokenConversationText(reason: string, subject: ReportSubject, locale?: string): string {
  const m = messagesFor(locale);
  return m.t('broken.teams', { what: deliverySubjectText(subject, m), why: describeTeamsReason(reason, m) });
}

/**
 * Teams as a delivery channel (domain/delivery): proactive posts through continueConversationAsync,
 * edits in place with updateActivity on the activity id the ledger keeps, typed faults.
 *
 * Crash healing is weaker than Slack's: the Bot Connector API cannot read a conversation's history, so
 * an attempt that died after beforeIrreversible and before the ledger stored the activity id cannot be
 * found again; findExisting then says "not there" and the retry may post a second copy.
 */
export function createTeamsDeliveryChannel(options: TeamsDeliveryChannelOptions): DeliveryChannel {
  const { deliver, cards, db, logger } = options;
  return {
    kind: 'teams',
    editable: true,

    plannedRef: () => null,

    async findExisting(attempt: DeliveryAttempt): Promise<MessageRef | null> {
      if (attempt.ref) return attempt.ref;
      logger.warn(
        { deliveryId: attempt.deliveryId, conversation: attempt.target.destination },
        'teams cannot look for an interrupted post; posting again',
      );
      return null;
    },

    async post(report: DeliverableReport, attempt: DeliveryAttempt): Promise<MessageRef> {
      const card = await renderTeamsDeliveryCard(report, cards);
      const id = await deliver.post(attempt.target.destination, card, {
        beforeSend: () => attempt.beforeIrreversible(),
        ...(report.kind === 'alert' && attempt.thread ? { replyTo: attempt.thread.id } : {}),
      });
      return { id, container: null };
    },

    async update(report: DeliverableReport, attempt: DeliveryAttempt, ref: MessageRef): Promise<MessageRef> {
      const card = await renderTeamsDeliveryCard(report, cards);
      await deliver.update(attempt.target.destination, ref.id, card);
      return ref;
    },

    async notifyBroken(target: DeliveryTarget, userId: string, reason: string, subject: ReportSubject): Promise<void> {
      try {
        const personal = userId ? await findPersonalTeamsConversation(db, target.workspaceId, userId) : null;
        if (!personal) {
          logger.info(
            { conversation: target.destination, reason },
            'teams subscription broke; its creator has no personal chat with the bot to be told',
          );
          return;
        }
        const locale = (await findAccount(db, subject.accountId))?.locale;
        await deliver.post(personal.key, renderTextCard(brokenConversationText(reason, subject, locale)));
      } catch (error) {
        logger.warn(
          { err: (error as Error).message, reason },
          'could not tell the subscriber that the Teams conversation broke',
        );
      }
    },
  };
}
