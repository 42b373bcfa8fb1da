import { AlertNotice } from '../../../src/domain/alert-notice';
import { renderAlertEmail } from '../../../src/render/email/alert';
import { renderSlackAlert } from '../../../src/render/slack/alert';
import { renderTeamsAlert } from '../../../src/render/teams/alert';

const notice: AlertNotice = {
  rule: 'errors',
  event: 'fire',
  accountId: 'default',
  campaignId: 'cmp-1',
  campaignName: '<!channel> <b>Spring</b>',
  botId: 'bot-debt',
  figures: { errors: 12, calls: 50, percent: 24, threshold: '20' },
  clearReason: null,
  at: new Date('2026-12-06T09:00:00Z'),
  locale: 'en-US',
  timeZone: 'Asia/Ho_Chi_Minh',
};

describe('an alert on each surface', () => {
  it('says what crossed which threshold with the figures, why, and what to type (Slack, names escaped)', () => {
    const message = renderSlackAlert(notice);
    expect(message.text).toBe(
      'Alert: connection errors in campaign &lt;!channel&gt; &lt;b&gt;Spring&lt;/b&gt;: 12 of the last 50 calls were connection errors (24%), threshold 20%',
    );
    const context = JSON.stringify(message.blocks[1]);
    expect(context).toContain('subscribed to alerts of campaign cmp-1 (voicebot bot-debt)');
    expect(context).toContain('alert errors 25%');
  });

  it('in Vietnamese with the glossary words', () => {
    const text = JSON.stringify(renderTeamsAlert({ ...notice, locale: 'vi-VN' }));
    expect(text).toContain('Cảnh báo: lỗi kết nối trong chiến dịch');
    expect(text).toContain('12 trong 50 cuộc gọi gần nhất bị lỗi kết nối');
    expect(text).toContain('ngưỡng 20%');
    const cleared = JSON.stringify(
      renderTeamsAlert({
        ...notice,
        locale: 'vi-VN',
        event: 'clear',
        clearReason: 'recovered',
        figures: { errors: 5, calls: 50, percent: 10, clearAt: '10' },
      }),
    );
    expect(cleared).toContain('Cảnh báo đã hết');
  });

  it('by email: HTML escaped, the title as subject, why it came', () => {
    const email = renderAlertEmail(notice);
    expect(email.subject).toBe('Alert: connection errors in campaign <!channel> <b>Spring</b>');
    expect(email.html).toContain('&lt;b&gt;Spring&lt;/b&gt;');
    expect(email.html).not.toContain('<b>Spring');
    expect(email.text).toContain('Sent because this address is an alert recipient of account default.');
  });

  it('the budget alert and a budget clearing', () => {
    const budget = renderSlackAlert({
      ...notice,
      rule: 'budget',
      campaignId: null,
      campaignName: null,
      figures: { blocks: 4012, budget: 5000, percent: 80, level: 80, month: '2026-12' },
    });
    expect(budget.text).toContain('voicebot bot-debt reached 80% of its monthly block budget');
    expect(budget.text).toContain('4,012 of the 5,000 blocks of 2026-12 are used (80%), level 80%');
    expect(JSON.stringify(budget.blocks)).toContain('budget bot-debt 5000');
  });
});
