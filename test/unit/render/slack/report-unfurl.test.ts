import { renderReportUnfurl } from '../../../../src/render/slack/report-unfurl';
import { limitViolations, sampleCampaignReport } from '../slack-test-support';

describe('renderReportUnfurl', () => {
  it('is the campaign, its state and the five key figures, in a few valid blocks', () => {
    const unfurl = renderReportUnfurl(sampleCampaignReport());
    expect(limitViolations({ text: 'x', blocks: unfurl.blocks })).toEqual([]);
    const [summary] = unfurl.blocks;
    expect(summary.type === 'section' && summary.text?.text).toBe(
      '*Campaign report: Đợt 0, "Nhắc nợ "Tháng", vòng 1"* (cmp-1-000) · Complete, final',
    );
    expect(summary.type === 'section' && summary.fields?.map((f) => f.text.split('\n')[0])).toEqual([
      '*Total calls*',
      '*Answer rate*',
      '*Contact rate*',
      '*Total call time*',
      '*Total cost*',
    ]);
  });

  it("escapes a hostile name and words the heading in the account's language", () => {
    const report = { ...sampleCampaignReport({ name: '<!channel> & <b>' }), locale: 'vi-VN' };
    const [summary] = renderReportUnfurl(report).blocks;
    expect(summary.type === 'section' && summary.text?.text).toMatch(
      /^\*Báo cáo chiến dịch: &lt;!channel&gt; &amp; &lt;b&gt;\* \(cmp-1-000\) · /,
    );
  });
});
