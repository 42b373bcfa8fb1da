import { AdaptiveCard } from '../../render/teams/card';
import { ChatPlace, answerChatCommand, linkedAccountOf, placeOfOneAnswer } from '../../reports/chat-command-service';
import { ReportDeps } from '../../reports/report-context';
import { TeamsCardSettings, renderTeamsAnswer } from './answer-card';

/** What a Teams answer is computed with: the web process's, or an answer thread's own. */
export interface TeamsAnswerDeps {
  reportDeps: ReportDeps;
  cards: TeamsCardSettings;
  now?: () => Date;
}

/** A command typed in a conversation (or a card's Action.Submit), as handed to an answer thread (plain data). */
export interface TeamsMessageTask {
  place: ChatPlace;
  text: string;
}

/** The card that answers one command in a conversation: the report, with its signed full-report link. */
export async function teamsAnswerCard(deps: TeamsAnswerDeps, task: TeamsMessageTask): Promise<AdaptiveCard> {
  const place = placeOfOneAnswer(deps.reportDeps, task.place, task.text);
  const answer = await answerChatCommand(deps.reportDeps, place, task.text, { now: deps.now?.() });
  // The full-report link is signed for the account; campaign and calls cards have one.
  const linksTo = (answer.kind === 'campaign' || answer.kind === 'calls') && deps.cards.fullReportUrlFor;
  const accountId = linksTo ? ((await linkedAccountOf(deps.reportDeps, place)) ?? undefined) : undefined;
  return renderTeamsAnswer(answer, deps.cards, accountId);
}
