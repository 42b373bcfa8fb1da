import { TeamsActivityHandler, TurnContext } from 'botbuilder';
import { Logger } from 'pino';
import { renderHelpCard } from '../../render/teams/help';
import { answerChatCommand, linkedAccountOf, linkedLocaleOf } from '../../reports/chat-command-service';
import { ReportDeps } from '../../reports/report-context';
import { TeamsCardSettings, renderTeamsAnswer } from './answer-card';
import { cardActivity } from './card-activity';
import { forgetConversation, rememberConversation } from './conversation-memory';
import { commandTextOf, isBotAdded, isBotRemoved, placeOf } from './teams-activity';

export interface TeamsTurnDeps {
  reportDeps: ReportDeps;
  cards: TeamsCardSettings;
  logger: Logger;
  now?: () => Date;
  /** The message extension (search command, link unfurling): invoke activities go there. */
  invokes?: TeamsActivityHandler;
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
    const place = placeOf(activity);
    const answer = await answerChatCommand(deps.reportDeps, place, commandTextOf(activity), { now: deps.now?.() });
    // The full-report link is signed for the account; campaign and calls cards have one.
    const linksTo = (answer.kind === 'campaign' || answer.kind === 'calls') && deps.cards.fullReportUrlFor;
    const accountId = linksTo ? ((await linkedAccountOf(deps.reportDeps, place)) ?? undefined) : undefined;
    const card = await renderTeamsAnswer(answer, deps.cards, accountId);
    await context.sendActivity(cardActivity(card));
    deps.logger.debug({ kind: answer.kind, conversation: place.destination }, 'teams command answered');
  };
}
