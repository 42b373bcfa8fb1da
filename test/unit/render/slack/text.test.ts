import { renderSlackText } from '../../../../src/render/slack/text';
import { limitViolations } from '../slack-test-support';

describe('renderSlackText', () => {
  it('escapes and keeps mrkdwn', () => {
    expect(renderSlackText('No campaign *x* <!channel> & co')).toEqual({
      text: 'No campaign *x* &lt;!channel&gt; &amp; co',
      blocks: [
        {
          type: 'section',
          text: { type: 'mrkdwn', text: 'No campaign *x* &lt;!channel&gt; &amp; co', verbatim: true },
        },
      ],
    });
  });

  it('never gives an empty fallback', () => {
    expect(renderSlackText('  ').text).toBe('(empty message)');
  });

  it('splits a long message over sections within the limits', () => {
    const long = Array.from({ length: 2000 }, (_, i) => `line ${i} <x>`).join('\n');
    const message = renderSlackText(long);
    expect(message.blocks.length).toBeGreaterThan(1);
    expect(limitViolations(message)).toEqual([]);
  });
});
