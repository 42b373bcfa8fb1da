import { COMMAND_GRAMMAR, COMMAND_KEYWORDS, NotUnderstoodReason, VIETNAMESE_OPTIONS } from '../domain/command-grammar';
import { Messages } from './i18n/messages';

/** The chat grammar in the reader's language, for the help of every chat surface. */
export interface HelpEntry {
  /** What to type after the command or mention: "calls <campaign> [successful | ...]". */
  usage: string;
  /** A complete example after the command or mention: "calls cmp-1-000 unsuccessful code=NA". */
  example: string;
  does: string;
}

/** Each English option word with the first Vietnamese phrase the grammar reads as it ("running" → "đang chạy"). */
const VIETNAMESE_OPTION_OF = new Map<string, string>();
for (const [vi, english] of Object.entries(VIETNAMESE_OPTIONS))
  if (!VIETNAMESE_OPTION_OF.has(english)) VIETNAMESE_OPTION_OF.set(english, vi);

/** Options as the reader's language writes them; English words stay where the language has none. */
function localOptions(text: string, m: Messages): string {
  if (m.language === 'en') return text;
  return text.replace(/\b[a-z]+\b/g, (word) => VIETNAMESE_OPTION_OF.get(word) ?? word);
}

export function helpEntries(m: Messages): HelpEntry[] {
  const arg = (name: 'campaign' | 'bot') => m.t(`help.arg.${name}`);
  return COMMAND_GRAMMAR.map((entry) => {
    const keyword = entry.verb ? COMMAND_KEYWORDS[entry.verb][m.language] : '';
    const args = localOptions(entry.args, m).replace(/\{(campaign|bot)\}/g, (_, name: 'campaign' | 'bot') => arg(name));
    const join = (...parts: string[]) => parts.filter((part) => part !== '').join(' ');
    return {
      usage: join(keyword, args),
      example: join(keyword, localOptions(entry.example, m)),
      does: m.t(`help.does.${entry.command}`),
    };
  });
}

/** "Commands in English work too: ..." in a help that shows other keywords; nothing in English help. */
export function keywordsNote(m: Messages): string[] {
  return m.language === 'en' ? [] : [m.t('help.keywords')];
}

/** A command that was not understood: what was typed and why. */
export interface NotUnderstood {
  text: string;
  reason: NotUnderstoodReason;
}

/** 'I did not understand "lst": "lst" is not a command, .... Here is what I can do:' in the reader's language. */
export function notUnderstoodText(problem: NotUnderstood, m: Messages): string {
  const reason = m.t(`reason.${problem.reason.key}`, { value: problem.reason.value ?? '' });
  return m.t('help.notUnderstood', { text: problem.text, reason });
}
