/**
 * How a Slack message shows charts and tables. `charts: 'native'`: Slack's own charts (data_visualization),
 * as the account chose (`account <id> --charts native`); `'images'`: chart images (QuickChart or uploaded),
 * the default. `tables`: Slack's table blocks (every account) or, where a workspace refused them, text.
 */
export interface SlackLook {
  charts: 'images' | 'native';
  tables: boolean;
}

/** What every workspace gets unless the account chose native charts. */
export const DEFAULT_SLACK_LOOK: SlackLook = { charts: 'images', tables: true };

/** What a workspace that refused Slack's newer blocks gets from then on: chart images and text tables. */
export const PLAIN_SLACK_LOOK: SlackLook = { charts: 'images', tables: false };

/** Whether a message in this look carries blocks some workspaces refuse (tables, native charts). */
export function usesNewerBlocks(look: SlackLook): boolean {
  return look.tables || look.charts === 'native';
}
