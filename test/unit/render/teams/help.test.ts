import { CardElement } from '../../../../src/render/teams/card';
import { renderHelpCard } from '../../../../src/render/teams/help';
import { elements, shownText, markdownTexts, hasUnescapedSpecial, expectCardShape } from './card-test-support';

const monospace = (e: CardElement) =>
  Array.isArray(e.inlines) && (e.inlines as { fontType?: string }[])[0]?.fontType === 'Monospace';

describe('renderHelpCard', () => {
  it('shows the grammar line by line, literally, an example under each command', () => {
    const card = renderHelpCard();
    expectCardShape(card);
    const lines = elements(card).filter(monospace).map(shownText);
    expect(lines.slice(0, 4)).toEqual([
      "<campaign>: a campaign's overview with charts (id, or the start of its id or name)",
      'e.g. cmp-1-000',
      'list [running | complete]: the latest campaigns with state and answer rate',
      'e.g. list running',
    ]);
    const blocks = elements(card).filter(monospace);
    expect(blocks.map((e) => e.spacing).slice(0, 2)).toEqual(['Medium', 'None']);
    expect(blocks.every((e) => e.type === 'RichTextBlock')).toBe(true);
    for (const text of markdownTexts(card)) expect(hasUnescapedSpecial(text)).toBe(false);
  });
});
