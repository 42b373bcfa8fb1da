import { COMMAND_KEYWORDS } from '../domain/command-grammar';
import { Said, SaidKey } from '../domain/errors';
import { MessageKey, Messages } from './i18n/messages';

type CatalogSaidKey = Extract<MessageKey, `said.${string}`> extends `said.${infer K}` ? K : never;
/** Compile-time: the catalog's `said.*` keys are exactly domain's SaidKey (a key missing on either side fails). */
export const SAID_KEYS_MATCH_CATALOG: [CatalogSaidKey] extends [SaidKey]
  ? [SaidKey] extends [CatalogSaidKey]
    ? true
    : never
  : never = true;

/** How people type to the bot where they read this: "/campaign-report" in Slack, "@Campaign Report" in Teams. */
export interface SaidSurface {
  command: string;
}

/**
 * Something said (a chat answer, an error) in the reader's language, `fallback` without a Said. A sentence
 * that names a command ({listCommand}) names it as the reader's surface types it.
 */
export function saidText(said: Said | undefined, m: Messages, fallback: string, surface?: SaidSurface): string {
  if (!said) return fallback;
  const key: MessageKey = `said.${said.key}`;
  const list = COMMAND_KEYWORDS.list[m.language];
  const values: Record<string, string> = { listCommand: surface ? `${surface.command} ${list}` : list };
  for (const [name, value] of Object.entries(said.values ?? {})) {
    values[name] = typeof value === 'string' ? value : saidText(value, m, value.key, surface);
  }
  return m.t(key, values);
}
