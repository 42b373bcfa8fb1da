import { brokenDestinationText } from '../../../../src/adapters/slack/delivery/broken-destination-text';
import { brokenConversationText } from '../../../../src/adapters/teams/teams-delivery-channel';

const campaign = { kind: 'campaign' as const, accountId: 'acme', ref: 'cmp-1-000' };
const digest = { kind: 'digest' as const, accountId: 'acme', ref: '2026-10' };

describe('telling a subscriber that reports paused', () => {
  it('says what, where and why in English by default, and how to resume', () => {
    expect(brokenDestinationText('C0GONE', 'channel_not_found', campaign)).toBe(
      'I could not post the report of campaign cmp-1-000 in <#C0GONE>: the channel no longer exists or I cannot see it. ' +
        'I paused posting reports there. When the channel works again (invite me with /invite if needed), ' +
        'type `/campaign-report subscribe …` in it to resume.',
    );
    expect(brokenDestinationText('C0GONE', 'weird_error', digest)).toContain(
      'the usage digest for 2026-10 in <#C0GONE>: Slack answered weird_error.',
    );
  });

  it("speaks the account's language", () => {
    expect(brokenDestinationText('C0GONE', 'is_archived', campaign, 'vi-VN')).toBe(
      'Tôi không thể đăng báo cáo của chiến dịch cmp-1-000 trong <#C0GONE>: kênh đã được lưu trữ. Tôi đã tạm dừng đăng báo cáo ở đó. ' +
        'Khi kênh hoạt động lại (mời tôi bằng /invite nếu cần), hãy gõ `/campaign-report đăng ký …` trong kênh để tiếp tục.',
    );
    expect(brokenConversationText('bot_removed', digest, 'vi-VN').split('\n')).toEqual([
      'Campaign Report không thể đăng bản tin mức sử dụng tháng 2026-10 vào một cuộc trò chuyện Teams mà bạn đã đăng ký, và đã tạm dừng đăng ở đó.',
      'Lý do: bot không còn trong cuộc trò chuyện đó (bot đã bị gỡ, hoặc ứng dụng đã bị gỡ cài đặt).',
      'Để tiếp tục, hãy thêm bot vào cuộc trò chuyện đó lần nữa và gõ: đăng ký tất cả (hoặc bot hay chiến dịch bạn muốn).',
    ]);
  });
});
