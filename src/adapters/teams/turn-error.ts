import { TurnContext } from 'botbuilder';
import { Logger } from 'pino';
import { messagesFor } from '../../render/i18n/messages';
import { renderTextCard } from '../../render/teams/text';
import { cardActivity } from './card-activity';

/** In English: a failed turn cannot be trusted to have found the account (and its language). */
export const TURN_ERROR_MESSAGE = messagesFor('en').t('teams.turnError');

/** adapter.onTurnError: log what failed (never the activity's text), then answer politely if we still can. */
export function createTurnErrorHandler(logger: Logger): (context: TurnContext, error: Error) => Promise<void> {
  return async (context, error) => {
    const { activity } = context;
    logger.error(
      {
        err: error,
        activityType: activity.type,
        channelId: activity.channelId,
        conversation: activity.conversation?.id,
      },
      'teams turn failed',
    );
    if (activity.type !== 'message') return;
    try {
      await context.sendActivity(cardActivity(renderTextCard(TURN_ERROR_MESSAGE)));
    } catch (sendError) {
      logger.warn({ err: sendError }, 'teams turn error: the apology could not be sent either');
    }
  };
}
