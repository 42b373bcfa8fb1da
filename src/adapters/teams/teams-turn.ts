import { TeamsActivityHandler, TurnContext } from 'botbuilder';
import { Logger } from 'pino';
import { renderHelpCard } from '../../render/teams/help';
import { AdaptiveCard } from '../../render/teams/card';
import { linkedLocaleOf } from '../../reports/chat-command-service';
import { ReportDeps } from '../../reports/report-context';
import { TeamsCardSettings } from './answer-card';
import { cardActivity } from './card-activity';
import { forgetConversation, rememberConversation } from './conversation-memory';
import { commandTextOf, isBotAdded, isBotRemoved, placeOf } from './teams-activity';
import { TeamsMessageTask, teamsAnswerCard } from './teams-answer';

export interface TeamsTurnDeps {
  reportDeps: ReportDeps;
  cards: TeamsCardSettings;
  logger: Logger;
  now?: () => Date;
  /** The message extension (search command, link unfurling): invoke activities go there. */
  invokes?: TeamsActivityHandler;
  /**
   * Computes the card of a command in an answer thread (ANSWER_THREADS), so that the request loop only sends
   * it; unset: computed here.
   */
  answerInThread?: (task: TeamsMessageTask) => Promise<AdaptiveCard>;
}

/**
 * One turn of the bot: remember where the activity came from, then answer a message (typed, or an
 * Action.Submit of one of our cards) with one Adaptive Card, greet when added, forget when removed;
 * invokes (the message extension) go to `invokes`, which answers them.
 */
export function createTeamsTurnHandler(deps: TeamsTurnDeps): (context: TurnContext) => Promise<void> {
  return async (context) => {
    const { activity } = context;
    // A message extension works in chats the bot is not part of: no reference is kept from an invoke.
    if (activity.type === 'invoke') {
      if (deps.invokes) await deps.invokes.run(context);
      return;
    }
    await rememberConversation(deps.reportDeps, activity);
    if (isBotRemoved(activity)) {
      await forgetConversation(deps.reportDeps, activity);
      deps.logger.info({ conversation: activity.conversation?.id }, 'teams bot removed from a conversation');
      return;
    }
    if (isBotAdded(activity)) {
      const locale = await linkedLocaleOf(deps.reportDeps, placeOf(activity));
      await context.sendActivity(cardActivity(renderHelpCard(locale ? { locale } : {})));
      return;
    }
    if (activity.type !== 'message') return;
    const task = { place: placeOf(activity), text: commandTextOf(activity) };
    const card = await (deps.answerInThread ? deps.answerInThread(task) : teamsAnswerCard(deps, task));
    await context.sendActivity(cardActivity(card));
    deps.logger.debug({ conversation: task.place.destination }, 'teams command answered');
  };
}
