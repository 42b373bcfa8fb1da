import { PickerChoices } from '../../../../src/domain/native-surfaces';
import { pickerOptionsResponse } from '../../../../src/render/slack/campaign-picker';
import { renderSubscribeModal } from '../../../../src/render/slack/subscribe-modal';
import { optionsProblems } from '../../../support/fakes/fake-slack-views';

const choices = (over: Partial<PickerChoices> = {}): PickerChoices => ({
  kind: 'picker-choices',
  locale: 'en-US',
  targets: [],
  campaigns: [],
  ...over,
});

describe('the campaign picker options', () => {
  it('names each campaign with its id and state, escaped so that a name notifies nobody', () => {
    const { options } = pickerOptionsResponse(
      choices({
        campaigns: [
          { id: 'c1', name: '<!channel> *bold*', state: 'running' },
          { id: 'c2', name: 'c2', state: 'complete' },
        ],
      }),
      'campaign',
    );
    expect(options).toEqual([
      {
        text: { type: 'plain_text', text: '&lt;!channel&gt; *bold* (c1)', emoji: true },
        value: 'c1',
        description: { type: 'plain_text', text: 'Running', emoji: true },
      },
      {
        text: { type: 'plain_text', text: 'c2', emoji: true },
        value: 'c2',
        description: { type: 'plain_text', text: 'Complete', emoji: true },
      },
    ]);
  });

  it("keeps to Slack's limits: 100 options, 75 characters of text, and leaves out an id too long to carry", () => {
    const many = Array.from({ length: 150 }, (_, i) => ({
      id: `c${i}`,
      name: 'N'.repeat(300),
      state: 'complete' as const,
    }));
    const tooLong = { id: 'x'.repeat(151), name: 'long', state: 'running' as const };
    const response = pickerOptionsResponse(choices({ campaigns: [tooLong, ...many] }), 'campaign');
    expect(optionsProblems(response)).toEqual([]);
    expect(response.options).toHaveLength(100);
    expect(response.options[0].value).toBe('c0');
  });

  it("offers subscription targets as all, bots and campaigns, in the account's language", () => {
    const { options } = pickerOptionsResponse(
      choices({
        locale: 'vi-VN',
        targets: [
          { kind: 'all', id: '' },
          { kind: 'bot', id: 'bot-a' },
        ],
        campaigns: [{ id: 'c1', name: 'Một', state: 'settling' }],
      }),
      'subscribe-target',
    );
    expect(options.map((o) => [o.text.text, o.value])).toEqual([
      ['Tất cả chiến dịch', 'all'],
      ['Bot bot-a', 'bot:bot-a'],
      ['Một (c1)', 'campaign:c1'],
    ]);
  });
});

describe('the subscribe modal', () => {
  it('has a title Slack takes, the channel, the target and the options, in Vietnamese for a Vietnamese account', () => {
    const view = renderSubscribeModal({ locale: 'vi', channelId: 'C0X' });
    expect(view.title.text.length).toBeLessThanOrEqual(24);
    expect(view.blocks.filter((b) => b.type === 'input').map((b) => b.type === 'input' && b.label.text)).toEqual([
      'Đăng vào kênh',
      'Báo cáo của',
      'Nội dung đăng',
    ]);
    expect(view.submit?.text).toBe('Đăng ký');
  });
});
