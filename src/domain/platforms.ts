/** Every place reports go, one list for storage, delivery and chat: the two chat platforms, and email. */
export const PLATFORMS = ['slack', 'teams', 'email'] as const;
export type Platform = (typeof PLATFORMS)[number];

/** The platforms people type commands on (and link to an account). */
export const CHAT_PLATFORMS = ['slack', 'teams'] as const satisfies readonly Platform[];
export type ChatPlatform = (typeof CHAT_PLATFORMS)[number];

export function isChatPlatform(text: string): text is ChatPlatform {
  return (CHAT_PLATFORMS as readonly string[]).includes(text);
}
