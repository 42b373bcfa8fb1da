import { escapeSlackText } from '../../../../src/render/slack/escape';

describe('escapeSlackText', () => {
  it('escapes the three characters Slack reserves', () => {
    expect(escapeSlackText('a & b < c > d')).toBe('a &amp; b &lt; c &gt; d');
  });

  it('turns mentions and links into text', () => {
    expect(escapeSlackText('<!channel>')).toBe('&lt;!channel&gt;');
    expect(escapeSlackText('<@U123|boss> <https://evil.example|click>')).toBe(
      '&lt;@U123|boss&gt; &lt;https://evil.example|click&gt;',
    );
  });

  it('escapes an ampersand that already looks like an entity, so it shows as typed', () => {
    expect(escapeSlackText('&lt;b&gt;')).toBe('&amp;lt;b&amp;gt;');
  });

  it('leaves other text, quotes and mrkdwn alone', () => {
    expect(escapeSlackText('Đợt 0, "Nhắc nợ" *bold* _it_ \'q\'')).toBe('Đợt 0, "Nhắc nợ" *bold* _it_ \'q\'');
  });
});
