/**
 * A local QuickChart: `GET /chart?c=...` and `POST /chart` (what quickchart-js's getUrl/toBinary use)
 * answer a blank PNG of the requested size; every request is recorded with its chart config.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { runInNewContext } from 'node:vm';
import { deflateSync } from 'node:zlib';
import {
  CallRecorder,
  FailurePlan,
  parseBody,
  sendBytes,
  sendJson,
  startFakeHttpServer,
  type RunningFakeServer,
} from './fake-http-recorder';

export interface QuickChartCall {
  method: string;
  path: string;
  /** The chart config as an object (functions dropped); the raw string if it does not evaluate. */
  chart: unknown;
  width: number;
  height: number;
  format: string;
  backgroundColor?: string;
  /** Query parameters (GET) or the JSON body (POST). */
  params: Record<string, unknown>;
  at: number;
  status: number;
}

export interface FakeQuickChart {
  /** QUICKCHART_BASE_URL (no trailing slash). */
  readonly url: string;
  readonly calls: readonly QuickChartCall[];
  /** The next `times` chart requests answer `status` with an X-quickchart-error header. */
  failNext(status: number, times?: number): void;
  waitFor(predicate: (call: QuickChartCall) => boolean, timeoutMs?: number): Promise<QuickChartCall>;
  reset(): void;
  close(): Promise<void>;
}

const MAX_SIDE = 4000;

export async function startFakeQuickChart(): Promise<FakeQuickChart> {
  const recorder = new CallRecorder<QuickChartCall>((c) => `${c.method} ${c.path} (${c.status})`);
  const failures = new FailurePlan<QuickChartCall, number>();
  const server: RunningFakeServer = await startFakeHttpServer((req, res, raw) => handle(req, res, raw));

  function handle(req: IncomingMessage, res: ServerResponse, raw: Buffer): void {
    const url = new URL(req.url ?? '/', server.url);
    const method = req.method ?? 'GET';
    if (url.pathname !== '/chart' || (method !== 'GET' && method !== 'POST')) {
      sendJson(res, 404, { error: 'Not found' });
      return;
    }
    const params: Record<string, unknown> =
      method === 'GET'
        ? Object.fromEntries(url.searchParams)
        : ((parseBody(raw, req.headers['content-type']).value as Record<string, unknown> | undefined) ?? {});
    const chartParam = params.c ?? params.chart;
    const call: QuickChartCall = {
      method,
      path: url.pathname,
      chart: parseChart(chartParam),
      width: side(params.w ?? params.width, 500),
      height: side(params.h ?? params.height, 300),
      format: String(params.f ?? params.format ?? 'png'),
      params,
      at: Date.now(),
      status: 200,
    };
    const bkg = params.bkg ?? params.backgroundColor;
    if (typeof bkg === 'string') call.backgroundColor = bkg;
    const failStatus = failures.take(call);
    const error = failStatus
      ? `Simulated failure ${failStatus}`
      : chartParam === undefined
        ? 'You are missing variable `c` or `chart`'
        : undefined;
    call.status = failStatus ?? (error ? 400 : 200);
    recorder.record(call);
    if (error) sendJson(res, call.status, { success: false, error }, { 'x-quickchart-error': error });
    else sendBytes(res, 200, 'image/png', blankPng(call.width, call.height));
  }

  return {
    url: server.url,
    calls: recorder.calls,
    failNext: (status, times = 1) => failures.add(() => true, status, times),
    waitFor: (predicate, timeoutMs) => recorder.waitFor(predicate, timeoutMs),
    reset: () => {
      recorder.clear();
      failures.clear();
    },
    close: () => server.close(),
  };
}

/** JSON, or the JavaScript object literal quickchart-js sends (evaluated in a bare context, as QuickChart does). */
function parseChart(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  try {
    return JSON.parse(value) as unknown;
  } catch {
    try {
      return JSON.parse(JSON.stringify(runInNewContext(`(${value})`, {}, { timeout: 100 }))) as unknown;
    } catch {
      return value;
    }
  }
}

function side(value: unknown, fallback: number): number {
  const n = Number(value);
  return Number.isInteger(n) && n > 0 ? Math.min(n, MAX_SIDE) : fallback;
}

/** A valid, all-white, 8-bit grayscale PNG of width x height. */
export function blankPng(width: number, height: number): Buffer {
  const row = Buffer.alloc(1 + width, 0xff);
  row[0] = 0; // filter: none
  const pixels = Buffer.concat(Array.from({ length: height }, () => row));
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 0, 0, 0, 0], 8); // bit depth 8, grayscale, deflate, no filter, no interlace
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', header),
    pngChunk('IDAT', deflateSync(pixels)),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}

function pngChunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const typed = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typed));
  return Buffer.concat([length, typed, crc]);
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k += 1) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Buffer): number {
  let c = 0xffffffff;
  for (const byte of bytes) c = (CRC_TABLE[(c ^ byte) & 0xff] ?? 0) ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
