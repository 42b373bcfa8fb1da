import { Said } from '../domain/errors';
import { CATALOGS, MessageKey, Messages } from './i18n/messages';

function isKey(key: string): key is MessageKey {
  return Object.prototype.hasOwnProperty.call(CATALOGS.en, key);
}

/** Something said (a chat answer, an error) in the reader's language; `fallback` when the catalog lacks its key. */
export function saidText(said: Said | undefined, m: Messages, fallback: string): string {
  if (!said) return fallback;
  const key = `said.${said.key}`;
  if (!isKey(key)) return fallback;
  const values: Record<string, string> = {};
  for (const [name, value] of Object.entries(said.values ?? {})) {
    values[name] = typeof value === 'string' ? value : saidText(value, m, value.key);
  }
  return m.t(key, values);
}
