import { CampaignReport } from '../../../../src/domain/report-model';
import { renderSlackLiveMessage } from '../../../../src/render/slack/live-progress';
import { HOSTILE_NAME, sampleCampaignReport } from '../fixtures-cmp-1-000';
import { BARE_AMPERSAND, limitViolations, textsOf } from '../slack-test-support';

function running(name?: string, locale = 'en-US'): CampaignReport {
  const report = sampleCampaignReport({ state: 'running', final: false, ...(name ? { name } : {}) });
  report.locale = locale;
  report.overview.progress = {
    calls: 43,
    customersCalled: 27,
    customersTotal: 100,
    share: 0.27,
    callsPerMinute: 3.5,
    etaMinutes: 61,
    errorShare: 9 / 43,
  };
  return report;
}

describe('renderSlackLiveMessage', () => {
  const message = renderSlackLiveMessage(
    running(),
    { updateSeconds: 30, subscribedBy: 'U0OPS' },
    'https://r.example/p',
  );

  it('heads with "Live:", the name and the state, and sends a text of the key figures', () => {
    expect(message.blocks[0]).toEqual({
      type: 'header',
      text: { type: 'plain_text', text: 'Live: Đợt 0, "Nhắc nợ "Tháng", vòng 1" · Running, preliminary', emoji: true },
    });
    expect(message.text).toBe(
      'Live: Đợt 0, "Nhắc nợ "Tháng", vòng 1": ▰▰▱▱▱▱▱▱▱▱ 27 of 100 customers called (27.0%), 43 calls, answer rate 41.9%, error share 20.9%.',
    );
  });

  it('shows the live figures only (no charts) and says why it was sent, naming who subscribed', () => {
    const all = textsOf(message).map((t) => t.text);
    expect(all).toContain('*Customers called*\n▰▰▱▱▱▱▱▱▱▱ 27 of 100 customers called (27.0%)');
    expect(all).toContain('*Time left (at the current pace)*\n61 minutes');
    expect(message.blocks.filter((b) => b.type === 'image')).toEqual([]);
    expect(all).toContain(
      'Live: updated every 30 s until the campaign completes, then replaced by its final report; subscribed by <@U0OPS>.',
    );
    expect(JSON.stringify(message.blocks)).toContain('https://r.example/p');
    expect(limitViolations(message)).toEqual([]);
  });

  it('names nobody when the subscriber is not a Slack user id, and escapes a hostile campaign name', () => {
    const hostile = renderSlackLiveMessage(running(HOSTILE_NAME), { updateSeconds: 30, subscribedBy: '<!channel>' });
    const all = textsOf(hostile).map((t) => t.text);
    expect(all).toContain('Live: updated every 30 s until the campaign completes, then replaced by its final report.');
    const json = JSON.stringify(hostile);
    expect(json).not.toContain('<!channel>');
    expect(json).not.toContain('<script>');
    for (const { text } of textsOf(hostile)) expect(text).not.toMatch(BARE_AMPERSAND);
  });

  it('speaks Vietnamese', () => {
    const vi = renderSlackLiveMessage(running(undefined, 'vi-VN'), { updateSeconds: 30, subscribedBy: null });
    expect(vi.text).toContain('Trực tiếp:');
    expect(vi.text).toContain('đã gọi 27/100 khách hàng');
  });
});
