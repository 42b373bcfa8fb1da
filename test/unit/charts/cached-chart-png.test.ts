import * as drawing from '../../../src/adapters/charts/render-chart-png';
import { cachedChartPng, chartPngKey, drawnCharts } from '../../../src/adapters/charts/cached-chart-png';
import { ChartSpec } from '../../../src/domain/report-model';
import { campaignCharts } from '../../../src/domain/report-builders';
import { sampleOverview, SAMPLE_TIMELINE } from '../render/slack-test-support';

describe('cachedChartPng', () => {
  const [chart] = campaignCharts(sampleOverview(), SAMPLE_TIMELINE);
  let draw: jest.SpyInstance;

  beforeEach(() => {
    drawnCharts.clear();
    draw = jest.spyOn(drawing, 'renderChartPng');
  });
  afterEach(() => draw.mockRestore());

  it('keys a chart by its content, not by the order its fields were set in', () => {
    const reordered = Object.fromEntries(Object.entries(chart).reverse()) as unknown as ChartSpec;
    expect(chartPngKey(reordered, { timeZone: 'UTC' })).toBe(chartPngKey(chart, { timeZone: 'UTC' }));
    expect(chartPngKey(chart, { timeZone: 'UTC' })).toMatch(/^[0-9a-f]{64}$/);
  });

  it('keys apart what changes the picture: figures, time zone, locale, size', () => {
    const keys = [
      chartPngKey(chart, { timeZone: 'UTC' }),
      chartPngKey(
        { ...chart, series: [{ ...chart.series[0], values: chart.series[0].values.map((v) => v + 1) }] },
        {
          timeZone: 'UTC',
        },
      ),
      chartPngKey(chart, { timeZone: 'Asia/Ho_Chi_Minh' }),
      chartPngKey(chart, { timeZone: 'UTC', locale: 'vi-VN' }),
      chartPngKey(chart, { timeZone: 'UTC', width: 400, height: 240 }),
    ];
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('draws the same chart once, also for callers asking at the same time, and gives them the same PNG', async () => {
    const pngs = await Promise.all([1, 2, 3].map(() => cachedChartPng(chart, { timeZone: 'UTC' })));
    const later = await cachedChartPng({ ...chart }, { timeZone: 'UTC' });
    expect(draw).toHaveBeenCalledTimes(1);
    for (const png of [...pngs, later]) expect(png).toBe(pngs[0]);
    await cachedChartPng(chart, { timeZone: 'Asia/Ho_Chi_Minh' });
    expect(draw).toHaveBeenCalledTimes(2);
  });

  it('draws again after a drawing failed', async () => {
    draw.mockRejectedValueOnce(new Error('no canvas'));
    await expect(cachedChartPng(chart, { timeZone: 'UTC' })).rejects.toThrow('no canvas');
    const png = await cachedChartPng(chart, { timeZone: 'UTC' });
    expect(png.subarray(1, 4).toString()).toBe('PNG');
    expect(draw).toHaveBeenCalledTimes(2);
  });
});
