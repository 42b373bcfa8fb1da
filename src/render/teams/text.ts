import { singleLine, truncate } from '../report-figures';
import { AdaptiveCard, card, escapeCardMarkdown, text } from './card';

const TEXT_CARD_MAX_CHARS = 10_000;

/** A plain answer (an error, a confirmation), one TextBlock per line. */
export function renderTextCard(message: string): AdaptiveCard {
  const lines = truncate(message, TEXT_CARD_MAX_CHARS)
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .filter((line) => line.trim() !== '');
  return card(lines.map((line, i) => text(escapeCardMarkdown(singleLine(line)), i === 0 ? {} : { spacing: 'Small' })));
}
