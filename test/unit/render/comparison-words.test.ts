import { comparisonWords } from '../../../src/render/comparison-words';
import { monthToDateWords } from '../../../src/render/month-to-date-words';
import { sampleCampaignReport, sampleUsageReport } from './fixtures-cmp-1-000';
import { PREVIOUS_NAME, comparedReport, monthToDateUsageReport, uncomparedReport } from './comparison-fixture';

describe('the comparison in words, shared by every surface', () => {
  it('says each figure, its direction and the previous value in English', () => {
    expect(comparisonWords(comparedReport())).toEqual({
      title: `Compared with the previous campaign: ${PREVIOUS_NAME} (cmp-0-900)`,
      lines: [
        'Answer rate 41.9% — down 8.1 points on cmp-0-900 (50.0%)',
        'Contact rate 66.7% — up 16.7 points on cmp-0-900 (50.0%)',
        'Average call duration 0:03:02 — up 0:00:12 on cmp-0-900 (0:02:50)',
        'Cost per approached customer 7,119 ₫ — down 381 ₫ on cmp-0-900 (7,500 ₫)',
      ],
      note: expect.stringContaining('Cost per approached customer = total cost / approached customers.'),
    });
  });

  it('says it in Vietnamese with the glossary words (so với, chiến dịch trước)', () => {
    const words = comparisonWords(comparedReport('vi-VN'));
    expect(words?.title).toBe(`So với chiến dịch trước: ${PREVIOUS_NAME} (cmp-0-900)`);
    expect(words?.lines).toEqual([
      'Tỷ lệ nghe máy 41,9% — giảm 8,1 điểm so với cmp-0-900 (50,0%)',
      'Tỷ lệ tiếp cận 66,7% — tăng 16,7 điểm so với cmp-0-900 (50,0%)',
      'Thời lượng trung bình mỗi cuộc gọi 0:03:02 — tăng 0:00:12 so với cmp-0-900 (0:02:50)',
      'Chi phí mỗi khách hàng đã tiếp cận 7.119 ₫ — giảm 381 ₫ so với cmp-0-900 (7.500 ₫)',
    ]);
  });

  it('says "same as" when a change rounds to nothing, and names the previous value alone when a side is unknown', () => {
    const report = comparedReport();
    const comparison = report.overview.comparison!;
    report.overview.comparison = {
      ...comparison,
      answerRatePoints: 0.04,
      averageCallDurationMs: { current: 182_125, previous: 182_000, change: 125 },
      costPerApproachedCustomer: { current: null, previous: '7500', change: null, currency: 'VND' },
    };
    const lines = comparisonWords(report)!.lines;
    expect(lines[0]).toBe('Answer rate 41.9% — same as cmp-0-900 (50.0%)');
    expect(lines[2]).toBe('Average call duration 0:03:02 — same as cmp-0-900 (0:03:02)');
    expect(lines[3]).toBe('Cost per approached customer unknown — cmp-0-900: 7,500 ₫');
  });

  it('says there is nothing to compare with when there is no previous campaign, and nothing when not loaded', () => {
    expect(comparisonWords(uncomparedReport())).toEqual({
      title: 'Compared with the previous campaign',
      lines: ['No earlier complete campaign of voicebot bot-debt to compare with yet.'],
      note: null,
    });
    const notLoaded = sampleCampaignReport();
    delete notLoaded.overview.comparison;
    expect(comparisonWords(notLoaded)).toBeNull();
  });
});

describe('the month to date in words', () => {
  it('marks the month and projects per bot and in total (hand-computed, half up)', () => {
    expect(monthToDateWords(monthToDateUsageReport())).toEqual({
      marker: 'Month to date: 2026-10 is on day 6 of 31 in Asia/Ho_Chi_Minh.',
      title: "Blocks projected to the month's end",
      columns: { voicebot: 'Voicebot', blocks: 'Blocks so far', projected: 'Projected' },
      rows: [
        { label: 'Nhắc nợ "Tháng", vòng 1 (bot-debt)', blocks: '80', projected: '413' },
        { label: 'Khảo sát (bot-survey)', blocks: '79', projected: '408' },
      ],
      total: { label: 'Total', blocks: '159', projected: '822' },
      formula: 'Projected = blocks so far × 31 days in the month / 6 days elapsed (today included), rounded half up.',
    });
  });

  it('is Vietnamese for a Vietnamese account, and nothing for a month that has ended', () => {
    expect(monthToDateWords(monthToDateUsageReport('vi-VN'))?.marker).toBe(
      'Từ đầu tháng đến nay: tháng 2026-10 đang ở ngày 6/31 (Asia/Ho_Chi_Minh).',
    );
    expect(monthToDateWords(sampleUsageReport())).toBeNull();
  });
});
