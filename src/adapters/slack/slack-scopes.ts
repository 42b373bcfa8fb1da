/**
 * Bot scopes the app asks for (manifests/slack/manifest.json lists the same, a test keeps them equal):
 * the command; posting answers, summaries and digests (public channels without joining); uploading
 * charts and CSVs; checking a channel before subscribing it; opening a direct message with a user (the
 * calls CSV goes only to who asked); finding a posted report to update it; hearing that a report page
 * link was pasted and previewing it (link_shared, chat.unfurl).
 */
export const SLACK_BOT_SCOPES = [
  'commands',
  'chat:write',
  'chat:write.public',
  'files:write',
  'channels:read',
  'groups:read',
  'im:read',
  'im:write',
  'mpim:read',
  'channels:history',
  'groups:history',
  'links:read',
  'links:write',
] as const;
