import { renderHelpCard } from '../../../../src/render/teams/help';
import { elements, unescape, hasUnescapedSpecial, expectCardShape } from './card-test-support';

describe('renderHelpCard', () => {
  it('shows the grammar line by line, escaped, an example under each command', () => {
    const card = renderHelpCard();
    expectCardShape(card);
    const lines = elements(card)
      .filter((e) => e.fontType === 'Monospace')
      .map((e) => unescape(e.text as string));
    expect(lines.slice(0, 4)).toEqual([
      "<campaign>: a campaign's overview with charts (id, or the start of its id or name)",
      'e.g. cmp-1-000',
      'list [running | complete]: the latest campaigns with state and answer rate',
      'e.g. list running',
    ]);
    const blocks = elements(card).filter((e) => e.fontType === 'Monospace');
    expect(blocks.map((e) => e.spacing).slice(0, 2)).toEqual(['Medium', 'None']);
    for (const line of blocks) expect(hasUnescapedSpecial(line.text as string)).toBe(false);
  });
});
