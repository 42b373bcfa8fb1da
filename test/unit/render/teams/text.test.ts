import { renderTextCard } from '../../../../src/render/teams/text';
import { texts, expectCardShape } from './card-test-support';

describe('renderTextCard', () => {
  it('shows a message escaped', () => {
    const card = renderTextCard('Unknown campaign "*x*".\nTry `list`.');
    expectCardShape(card);
    expect(texts(card)).toEqual(['Unknown campaign "\\*x\\*".', 'Try \\`list\\`.']);
  });
});
