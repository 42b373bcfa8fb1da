import { renderTextCard } from '../../../../src/render/teams/text';
import { elements, texts, expectCardShape } from './card-test-support';

describe('renderTextCard', () => {
  it('shows a message literally (TextRuns: no Markdown, no escapes to show)', () => {
    const card = renderTextCard('Unknown campaign "*x*".\nTry `list`.');
    expectCardShape(card);
    expect(texts(card)).toEqual(['Unknown campaign "*x*".', 'Try `list`.']);
    expect(elements(card).map((e) => e.type)).toEqual(['RichTextBlock', 'RichTextBlock']);
  });
});
