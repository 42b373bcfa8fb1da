import { COMMAND_GRAMMAR, parseChatCommand } from '../../../src/domain/command-grammar';
import { helpEntries } from '../../../src/render/help-entries';
import { messagesFor } from '../../../src/render/i18n/messages';

describe('helpEntries', () => {
  const english = helpEntries(messagesFor('en-US'));
  const vietnamese = helpEntries(messagesFor('vi-VN'));

  it('gives every command of the grammar, in its order, in each language', () => {
    expect(english.map((entry) => entry.usage.split(' ')[0])).toEqual([
      '<campaign>',
      'list',
      'calls',
      'usage',
      'subscribe',
      'unsubscribe',
      'subscriptions',
      'alerts',
      'alert',
      'budget',
      'help',
    ]);
    expect(vietnamese).toHaveLength(COMMAND_GRAMMAR.length);
    expect(vietnamese[1]).toEqual({
      usage: 'danh sách [đang chạy | đã hoàn thành]',
      example: 'danh sách đang chạy',
      does: 'các chiến dịch gần nhất với trạng thái và tỷ lệ nghe máy',
    });
    expect(vietnamese[2].usage).toBe('cuộc gọi <chiến dịch> [thành công | không thành công | lỗi] [code=X]');
  });

  it('shows Vietnamese examples that the grammar reads exactly as the English ones', () => {
    english.forEach((entry, i) => {
      expect(parseChatCommand(vietnamese[i].example)).toEqual(parseChatCommand(entry.example));
    });
  });
});
