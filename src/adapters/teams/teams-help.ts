import { COMMAND_GRAMMAR } from '../../domain/command-grammar';

/** The bot's display name in the manifest: what people type after @ in a channel or group chat. */
export const TEAMS_BOT_NAME = 'Campaign Report';

/**
 * The grammar of interfaces.md §3 as Teams people type it, for renderHelpCard (one line per block),
 * after the chat service's sentence about what was not understood, when there is one.
 */
export function teamsHelpText(notUnderstood?: string): string {
  const lines: string[] = [];
  if (notUnderstood) lines.push(notUnderstood, '');
  lines.push(`In a channel or group chat, mention me first: @${TEAMS_BOT_NAME} usage 2026-10. In a personal chat, just type.`, '');
  for (const entry of COMMAND_GRAMMAR) {
    lines.push(`${entry.usage}: ${entry.does}`, `  e.g. ${entry.example}`);
  }
  return lines.join('\n');
}
