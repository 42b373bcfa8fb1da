import { ChatPlace, linkedWorkspaceOf } from '../../reports/chat-command-service';
import { DeliveryOptions } from './deliver-answer';
import { SlackTeamRef } from './slack-auth';
import { SlackRuntime, lazyClient } from './slack-runtime';
import { workspaceLook } from './workspace-look';

/** Rows of a calls answer: as many as one `data_table` shows (text answers show fewer, then the CSV). */
export const SLACK_CALL_ROWS = 100;

/** How an answer in this place is sent: the account's charts, the workspace's tables, the one fallback chain. */
export async function answerDelivery(
  runtime: SlackRuntime,
  team: SlackTeamRef,
  place: ChatPlace,
  client = lazyClient(runtime, team),
): Promise<DeliveryOptions> {
  const linked = await linkedWorkspaceOf(runtime.deps, place);
  const { look, rememberRefusal } = await workspaceLook(
    runtime.deps.db,
    linked?.accountId ?? null,
    place.workspaceId || null,
    linked?.look,
  );
  return {
    quickchartBaseUrl: runtime.quickchartBaseUrl,
    quickchartPublic: runtime.quickchartPublic,
    client,
    logger: runtime.logger,
    look,
    rememberRefusal,
  };
}
