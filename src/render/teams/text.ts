import { singleLine, truncate } from '../report-figures';
import { AdaptiveCard, card, literal } from './card';

const TEXT_CARD_MAX_CHARS = 10_000;

/** A plain answer (an error, a confirmation), one line of literal text each (they quote what people typed). */
export function renderTextCard(message: string): AdaptiveCard {
  const lines = truncate(message, TEXT_CARD_MAX_CHARS)
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .filter((line) => line.trim() !== '');
  return card(lines.map((line, i) => literal(singleLine(line), i === 0 ? {} : { spacing: 'Small' })));
}
