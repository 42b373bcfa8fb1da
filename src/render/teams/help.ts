import { NotUnderstood, helpEntries, keywordsNote, notUnderstoodText } from '../help-entries';
import { messagesFor } from '../i18n/messages';
import { singleLine } from '../report-figures';
import { AdaptiveCard, CardElement, card, literal, text } from './card';

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
  // Literal runs: the grammar's <campaign> and [a | b] would be tags and links to Markdown.
  const line = (value: string, spacing: 'None' | 'Medium') =>
    literal(singleLine(value), { spacing }, { fontType: 'Monospace' });
  const body: CardElement[] = [];
  if (options.notUnderstood) body.push(literal(singleLine(notUnderstoodText(options.notUnderstood, m))));
  body.push(text(m.t('help.cardTitle'), { size: 'Medium', weight: 'Bolder' }));
  body.push(literal(m.t('help.teamsMention', { bot: TEAMS_BOT_NAME }), { spacing: 'Small' }));
  for (const entry of helpEntries(m)) {
    body.push(line(`${entry.usage}: ${entry.does}`, 'Medium'));
    if (entry.example && entry.example !== entry.usage)
      body.push(line(m.t('help.example', { example: entry.example }), 'None'));
  }
  for (const keywords of keywordsNote(m)) body.push(literal(keywords, {}, { size: 'Small', isSubtle: true }));
  return card(body);
}
