import { campaignCharts, usageCharts } from '../../../src/domain/report-builders';
import { buildMonthlyUsage } from '../../../src/domain/usage';
import { renderChartPng } from '../../../src/adapters/charts/render-chart-png';
import { botUsage, sampleOverview, SAMPLE_TIMELINE } from '../render/slack-test-support';

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

function pngSize(png: Buffer): { width: number; height: number } {
  // IHDR is the first chunk: width and height are big-endian at bytes 16 and 20.
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

describe('renderChartPng', () => {
  const charts = [
    ...campaignCharts(sampleOverview(), [...SAMPLE_TIMELINE, { at: '2026-10-30T16:00:00Z', total: 3, successful: 1 }]),
    ...usageCharts(buildMonthlyUsage('default', '2026-10', 'UTC', [botUsage('bot-a', 'A'), botUsage('bot-b', 'B', 2)])),
  ];

  it.each(charts.map((chart) => [chart.id, chart] as const))('renders %s to a valid PNG', async (_id, chart) => {
    const png = await renderChartPng(chart, { timeZone: 'Asia/Ho_Chi_Minh' });
    expect(png.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
    expect(pngSize(png)).toEqual({ width: 600, height: 360 });
    expect(png.length).toBeGreaterThan(3000);
  });

  it('takes another size', async () => {
    const png = await renderChartPng(charts[0], { width: 300, height: 200 });
    expect(pngSize(png)).toEqual({ width: 300, height: 200 });
  });

  it('paints a white background, not a transparent one', async () => {
    const { createCanvas, loadImage } = await import('@napi-rs/canvas');
    const png = await renderChartPng(charts[1]);
    const image = await loadImage(png);
    const canvas = createCanvas(image.width, image.height);
    const ctx = canvas.getContext('2d');
    ctx.drawImage(image, 0, 0);
    expect(Array.from(ctx.getImageData(1, 1, 1, 1).data)).toEqual([255, 255, 255, 255]);
  });

  it('renders an empty chart without failing', async () => {
    const png = await renderChartPng({ ...charts[1], labels: [], series: [{ label: 'Calls', values: [] }] });
    expect(png.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
  });
});
