import { NotUnderstood, helpEntries, keywordsNote, notUnderstoodText } from '../help-entries';
import { messagesFor } from '../i18n/messages';
import { singleLine } from '../report-figures';
import { Block, SlackMessage, contextBlock, headerBlock, sectionBlock } from './block-kit';
import { campaignPickerBlocks } from './campaign-picker';
import { escapeSlackText } from './escape';
import { ELLIPSIS, MAX_SECTION_TEXT, fitLines } from './limits';
import { message, userText } from './parts';

export interface SlackHelpOptions {
  /** What was not understood and why, said before the help in one line ("I did not understand ..."). */
  notUnderstood?: NotUnderstood;
  command?: string;
  /** The account's locale; English without one (a workspace not linked yet). */
  locale?: string;
  /** Offer the campaign picker and its buttons (only a linked workspace has campaigns to pick). */
  picker?: boolean;
}

export const SLASH_COMMAND = '/campaign-report';

/** The grammar of domain/command-grammar, one line per command, in the account's language. */
export function renderSlackHelp(options: SlackHelpOptions = {}): SlackMessage {
  const m = messagesFor(options.locale);
  const command = singleLine(options.command ?? SLASH_COMMAND) || SLASH_COMMAND;
  const entries = helpEntries(m);
  const grammar = entries.map((entry) => escapeSlackText(`\`${command} ${entry.usage}\`: ${entry.does}`));
  const examples = entries
    .filter((entry) => entry.example !== '' && entry.example !== entry.usage)
    .map((entry) => escapeSlackText(`\`${command} ${entry.example}\``))
    .join('  ');
  const problem = options.notUnderstood ? userText(notUnderstoodText(options.notUnderstood, m), 1000) : null;
  const blocks: Block[] = [
    ...(problem ? [sectionBlock(problem)] : []),
    headerBlock(escapeSlackText(m.t('help.title', { command }))),
    sectionBlock(fitLines(grammar, MAX_SECTION_TEXT, (n) => `${ELLIPSIS} ${m.integer(n)}`)),
    contextBlock([m.t('help.examples', { examples }), ...keywordsNote(m).map(escapeSlackText)]),
    ...(options.picker ? [sectionBlock(escapeSlackText(m.t('picker.prompt'))), ...campaignPickerBlocks(m)] : []),
  ];
  const summary = escapeSlackText(
    m.t('help.summary', {
      commands: `${command} ${entries.map((entry) => entry.usage.split(' <')[0].split(' [')[0]).join(' | ')}`,
    }),
  );
  return message(problem ? `${problem} ${summary}` : summary, blocks);
}
