import { DEFAULT_SLACK_LOOK, PLAIN_SLACK_LOOK, SlackLook } from '../../render/slack/look';
import { Db } from '../../storage/connection';
import { SlackLookRow, rememberPlainSlackWorkspace, slackLookOf } from '../../storage/slack-look';

/** The look of a message: what the account chose, unless the workspace refused the newer blocks once. */
export interface WorkspaceLook {
  look: SlackLook;
  /** Records that this workspace refused the newer blocks; its later messages use images and text. */
  rememberRefusal(reason: string): Promise<void>;
}

/** `known`: the look already read with the workspace's link (findLinkedWorkspace). */
export async function workspaceLook(
  db: Db,
  accountId: string | null,
  workspaceId: string | null,
  known?: SlackLookRow,
): Promise<WorkspaceLook> {
  const key = workspaceId ?? '';
  const { plain, charts } = known ?? (await slackLookOf(db, accountId, key));
  return {
    look: plain ? PLAIN_SLACK_LOOK : { ...DEFAULT_SLACK_LOOK, charts },
    rememberRefusal: (reason) => rememberPlainSlackWorkspace(db, key, reason),
  };
}
