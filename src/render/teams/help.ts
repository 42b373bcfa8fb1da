import { NotUnderstood, helpEntries, keywordsNote, notUnderstoodText } from '../help-entries';
import { messagesFor } from '../i18n/messages';
import { singleLine } from '../report-figures';
import { AdaptiveCard, CardElement, card, escapeCardMarkdown, text } from './card';

/** The bot's display name in the manifest: what people type after @ in a channel or group chat. */
export const TEAMS_BOT_NAME = 'Campaign Report';

export interface TeamsHelpOptions {
  notUnderstood?: NotUnderstood;
  /** The account's locale; English without one (a tenant not linked yet). */
  locale?: string;
}

/** The grammar of domain/command-grammar as Teams people type it, one line per block, in the account's language. */
export function renderHelpCard(options: TeamsHelpOptions = {}): AdaptiveCard {
  const m = messagesFor(options.locale);
  const line = (value: string, spacing: 'None' | 'Medium') =>
    text(escapeCardMarkdown(singleLine(value)), { fontType: 'Monospace', spacing });
  const body: CardElement[] = [];
  if (options.notUnderstood)
    body.push(text(escapeCardMarkdown(singleLine(notUnderstoodText(options.notUnderstood, m)))));
  body.push(text(m.t('help.cardTitle'), { size: 'Medium', weight: 'Bolder' }));
  body.push(text(escapeCardMarkdown(m.t('help.teamsMention', { bot: TEAMS_BOT_NAME })), { spacing: 'Small' }));
  for (const entry of helpEntries(m)) {
    body.push(line(`${entry.usage}: ${entry.does}`, 'Medium'));
    if (entry.example && entry.example !== entry.usage)
      body.push(line(m.t('help.example', { example: entry.example }), 'None'));
  }
  for (const keywords of keywordsNote(m))
    body.push(text(escapeCardMarkdown(keywords), { size: 'Small', isSubtle: true }));
  return card(body);
}
