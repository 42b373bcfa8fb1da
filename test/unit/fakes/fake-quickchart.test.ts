import QuickChart from 'quickchart-js';
import { startFakeQuickChart, type FakeQuickChart } from '../../support/fakes/fake-quickchart';

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const config = { type: 'bar' as const, data: { labels: ['OK', 'BUSY'], datasets: [{ data: [3, 1] }] } };

describe('fake QuickChart, driven by quickchart-js', () => {
  let charts: FakeQuickChart;

  beforeAll(async () => {
    charts = await startFakeQuickChart();
  });
  afterAll(() => charts.close());
  beforeEach(() => charts.reset());

  function chart(): QuickChart {
    const { host, protocol } = new URL(charts.url);
    return new QuickChart()
      .setScheme(protocol.replace(':', ''))
      .setHost(host)
      .setConfig(config)
      .setWidth(40)
      .setHeight(20);
  }

  const pngSize = (png: Buffer) => ({ width: png.readUInt32BE(16), height: png.readUInt32BE(20) });

  it('renders a PNG of the requested size for POST /chart and records the config', async () => {
    const png = await chart().toBinary();
    expect(png.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
    expect(pngSize(png)).toEqual({ width: 40, height: 20 });
    expect(charts.calls[0]).toMatchObject({ method: 'POST', chart: config, width: 40, height: 20, status: 200 });
  });

  it('renders GET /chart?c=... URLs', async () => {
    const res = await fetch(chart().getUrl());
    expect(res.headers.get('content-type')).toBe('image/png');
    expect(pngSize(Buffer.from(await res.arrayBuffer()))).toEqual({ width: 40, height: 20 });
    expect(charts.calls[0]).toMatchObject({ method: 'GET', chart: config });
  });

  it('fails the next requests as planned', async () => {
    charts.failNext(503);
    await expect(chart().toBinary()).rejects.toThrow(/status code 503/);
    await expect(chart().toBinary()).resolves.toBeInstanceOf(Buffer);
    await expect(charts.waitFor((c) => c.status === 200)).resolves.toMatchObject({ method: 'POST' });
  });
});
