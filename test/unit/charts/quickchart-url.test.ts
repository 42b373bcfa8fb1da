import { campaignCharts } from '../../../src/domain/report-builders';
import { ChartSpec } from '../../../src/domain/report-model';
import { buildQuickChartUrl, quickChartUrlOf } from '../../../src/adapters/charts/quickchart-url';
import { MAX_IMAGE_URL } from '../../../src/render/slack/limits';
import { sampleOverview, SAMPLE_TIMELINE } from '../render/slack-test-support';

const [status, codes] = campaignCharts(sampleOverview(), SAMPLE_TIMELINE);

describe('buildQuickChartUrl', () => {
  it('builds a Chart.js v4 PNG URL on quickchart.io', () => {
    const url = new URL(buildQuickChartUrl(status, 'https://quickchart.io')!);
    expect(url.origin + url.pathname).toBe('https://quickchart.io/chart');
    expect(url.searchParams.get('v')).toBe('4');
    expect(url.searchParams.get('f')).toBe('png');
    expect(url.searchParams.get('w')).toBe('600');
    expect(url.searchParams.get('h')).toBe('360');
    expect(url.searchParams.get('bkg')).toBe('#ffffff');
    const chart = url.searchParams.get('c')!;
    expect(chart).toContain("type:'doughnut'");
    expect(chart).toContain("'Successful: 18 (41.9%)'");
    expect(chart).toContain('datalabels:{display:true');
    expect(chart).toContain('18,4,12,9');
  });

  it('uses a self-hosted base, path included', () => {
    const url = buildQuickChartUrl(codes, 'http://127.0.0.1:3400/quickchart/', { width: 400, height: 200 })!;
    expect(url.startsWith('http://127.0.0.1:3400/quickchart/chart?c=')).toBe(true);
    expect(new URL(url).searchParams.get('w')).toBe('400');
  });

  it('returns null when charts are off', () => {
    expect(buildQuickChartUrl(status, 'off')).toBeNull();
    expect(buildQuickChartUrl(status, 'OFF')).toBeNull();
  });

  it(`returns null past ${MAX_IMAGE_URL} characters, and a URL up to it`, () => {
    const big: ChartSpec = {
      ...codes,
      labels: Array.from({ length: 300 }, (_, i) => `RESULT_CODE_${i}`),
      series: [{ label: 'Calls', values: Array.from({ length: 300 }, (_, i) => i) }],
    };
    expect(buildQuickChartUrl(big, 'https://quickchart.io')).toBeNull();
    const url = buildQuickChartUrl(codes, 'https://quickchart.io')!;
    expect(url.length).toBeLessThanOrEqual(MAX_IMAGE_URL);
    expect(buildQuickChartUrl(codes, 'https://quickchart.io', { maxLength: url.length - 1 })).toBeNull();
  });

  it('refuses a base that is not an http(s) URL, saying what to set', () => {
    expect(() => buildQuickChartUrl(status, 'quickchart.io')).toThrow(
      /QUICKCHART_BASE_URL must be an http\(s\) URL or "off"/,
    );
    expect(() => buildQuickChartUrl(status, 'ftp://charts.example.com')).toThrow(/QUICKCHART_BASE_URL/);
  });

  it('is deterministic', () => {
    expect(buildQuickChartUrl(codes, 'https://quickchart.io')).toBe(buildQuickChartUrl(codes, 'https://quickchart.io'));
  });

  it('remembers a URL by everything it is made from: asked again with any input changed, it is made anew', () => {
    const variants: [ChartSpec, string, Parameters<typeof buildQuickChartUrl>[2]][] = [];
    for (const spec of [status, codes, { ...status, title: 'Another title' }])
      for (const base of ['https://quickchart.io', 'http://127.0.0.1:3400/qc'])
        for (const options of [
          {},
          { width: 400 },
          { height: 200 },
          { timeZone: 'Asia/Ho_Chi_Minh' },
          { timeZone: 'America/New_York' },
          { locale: 'vi' },
          { maxLength: 100 },
        ])
          variants.push([spec, base, options]);
    // Twice over, the second time in reverse: every answer remembered must be the one its own inputs make.
    for (const [spec, base, options] of [...variants, ...variants.reverse()])
      expect(buildQuickChartUrl(spec, base, options)).toBe(quickChartUrlOf(spec, base, options));
  });
});
