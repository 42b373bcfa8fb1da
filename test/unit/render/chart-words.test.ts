import { campaignCharts, usageCharts } from '../../../src/domain/report-builders';
import { buildMonthlyUsage } from '../../../src/domain/usage';
import { localizeChart } from '../../../src/render/chart-words';
import { messagesFor } from '../../../src/render/i18n/messages';
import { botUsage, sampleOverview } from './slack-test-support';

const [status, codes, timeline] = campaignCharts(sampleOverview(), [
  { at: '2026-10-30T15:00:00Z', total: 1500, successful: 18 },
  { at: '2026-10-30T16:00:00Z', total: 5, successful: 2 },
]);
const [usage] = usageCharts(buildMonthlyUsage('default', '2026-10', 'UTC', [botUsage('a', 'A'), botUsage('b', 'B')]));
const en = messagesFor('en-US');
const vi = messagesFor('vi-VN');

describe('localizeChart', () => {
  it('words every chart from the catalog, the figures untouched', () => {
    expect(localizeChart(status, vi)).toMatchObject({
      title: 'Cuộc gọi theo trạng thái',
      labels: ['Cuộc gọi thành công', 'Máy bận (BS)', 'Không nghe máy (NA)', 'Cuộc gọi lỗi (CU)'],
      series: [{ label: 'Cuộc gọi', values: [18, 4, 12, 9] }],
      caption: '18 thành công, 4 máy bận, 12 không nghe máy, 9 lỗi, trên tổng 43.',
      altText: 'Cuộc gọi theo trạng thái: 18 thành công, 4 máy bận, 12 không nghe máy, 9 lỗi, trên tổng 43.',
    });
    expect(localizeChart(timeline, vi)).toMatchObject({
      caption: 'Trong 2 giờ, cao nhất 1.500 cuộc.',
      series: [{ label: 'Tất cả cuộc gọi' }, { label: 'Thành công' }],
    });
    expect(localizeChart(usage, vi)).toMatchObject({
      title: 'Mức sử dụng theo voicebot, 2026-10',
      series: [{ label: 'Cuộc gọi' }, { label: 'Phiên' }, { label: 'Block', unit: 'blocks' }],
      caption: '86 cuộc gọi, 36 phiên, 160 block trên 2 voicebot.',
    });
    expect(localizeChart(codes, vi).labels).toEqual(codes.labels);
  });

  it('gives in English what the report model says, and changes nothing when applied twice', () => {
    for (const chart of [status, codes, timeline, usage]) {
      const once = localizeChart(chart, en);
      expect(localizeChart(once, en)).toEqual(once);
      expect(localizeChart(localizeChart(chart, vi), en)).toEqual(once);
    }
    expect(localizeChart(status, en)).toMatchObject({
      title: 'Calls by status',
      altText: status.altText,
      caption: status.caption,
    });
    expect(localizeChart(timeline, en).caption).toBe('Over 2 hours, peaking at 1,500.');
  });

  it('never repeats the title in the caption', () => {
    for (const m of [en, vi]) {
      for (const chart of [status, codes, timeline, usage]) {
        const words = localizeChart(chart, m);
        expect(words.caption).not.toContain(words.title);
        expect(words.altText).toBe(`${words.title}: ${words.caption}`);
      }
    }
  });
});
