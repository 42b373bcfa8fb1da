/**
 * What every fake server shares: a node:http server on 127.0.0.1 with a random port, request body
 * parsing (JSON, url-encoded, multipart), a call log that tests can wait on without polling, and a
 * queue of planned failures.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type FakeRequestHandler = (req: IncomingMessage, res: ServerResponse, raw: Buffer) => Promise<void> | void;

export interface RunningFakeServer {
  /** `http://127.0.0.1:<port>`, no trailing slash. */
  readonly url: string;
  close(): Promise<void>;
}

/** Starts a server on 127.0.0.1:<random port>; a handler that throws answers 500 with the message. */
export async function startFakeHttpServer(handler: FakeRequestHandler): Promise<RunningFakeServer> {
  const server = createServer((req, res) => {
    readRawBody(req)
      .then((raw) => handler(req, res, raw))
      .catch((err: unknown) => {
        if (res.headersSent) res.destroy();
        else sendJson(res, 500, { error: err instanceof Error ? err.message : String(err) });
      });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        server.closeAllConnections();
      }),
  };
}

export function readRawBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    ...headers,
  });
  res.end(text);
}

export function sendBytes(
  res: ServerResponse,
  status: number,
  contentType: string,
  bytes: Buffer | string,
  headers: Record<string, string> = {},
): void {
  res.writeHead(status, { 'content-type': contentType, 'content-length': Buffer.byteLength(bytes), ...headers });
  res.end(bytes);
}

export interface FormFile {
  field: string;
  filename: string;
  contentType: string | undefined;
  data: Buffer;
}

export interface ParsedBody {
  kind: 'empty' | 'json' | 'form' | 'multipart' | 'raw';
  /** JSON value, or the string fields of a form; the raw text for anything else. */
  value: unknown;
  files: FormFile[];
}

/** Parses a request body by its content type; JSON that does not parse throws. */
export function parseBody(raw: Buffer, contentType: string | undefined): ParsedBody {
  const type = (contentType ?? '').toLowerCase();
  if (raw.length === 0) return { kind: 'empty', value: undefined, files: [] };
  if (type.includes('json')) return { kind: 'json', value: JSON.parse(raw.toString('utf8')) as unknown, files: [] };
  if (type.startsWith('application/x-www-form-urlencoded')) {
    return { kind: 'form', value: Object.fromEntries(new URLSearchParams(raw.toString('utf8'))), files: [] };
  }
  const boundary = /boundary=(?:"([^"]+)"|([^;]+))/i.exec(contentType ?? '');
  if (type.startsWith('multipart/form-data') && boundary) {
    return { kind: 'multipart', ...parseMultipart(raw, boundary[1] ?? boundary[2] ?? '') };
  }
  return { kind: 'raw', value: raw.toString('utf8'), files: [] };
}

function parseMultipart(raw: Buffer, boundary: string): { value: Record<string, string>; files: FormFile[] } {
  const delimiter = Buffer.from(`--${boundary}`);
  const fields: Record<string, string> = {};
  const files: FormFile[] = [];
  let at = raw.indexOf(delimiter);
  while (at !== -1) {
    const partStart = at + delimiter.length;
    if (raw.subarray(partStart, partStart + 2).toString() === '--') break;
    const next = raw.indexOf(delimiter, partStart);
    if (next === -1) break;
    const part = raw.subarray(partStart + 2, next - 2); // CRLF after the delimiter, CRLF before the next
    const headerEnd = part.indexOf('\r\n\r\n');
    const head = part.subarray(0, headerEnd).toString('utf8');
    const data = part.subarray(headerEnd + 4);
    const name = /\bname="([^"]*)"/i.exec(head)?.[1] ?? '';
    const filename = /\bfilename="([^"]*)"/i.exec(head)?.[1];
    if (filename === undefined) fields[name] = data.toString('utf8');
    else
      files.push({
        field: name,
        filename,
        contentType: /content-type:\s*([^\r\n]+)/i.exec(head)?.[1],
        data: Buffer.from(data),
      });
    at = next;
  }
  return { value: fields, files };
}

export function bearerToken(authorization: string | undefined): string | undefined {
  const match = /^Bearer\s+(.+)$/i.exec(authorization ?? '');
  return match?.[1]?.trim();
}

interface Waiter<T> {
  predicate: (call: T) => boolean;
  resolve: (call: T) => void;
}

/** The log of what a fake received. `calls` is live: `clear()` empties it in place. */
export class CallRecorder<T> {
  readonly calls: T[] = [];
  private readonly waiters = new Set<Waiter<T>>();

  constructor(private readonly describe: (call: T) => string) {}

  record(call: T): void {
    this.calls.push(call);
    for (const waiter of [...this.waiters]) {
      if (safeMatch(waiter.predicate, call)) {
        this.waiters.delete(waiter);
        waiter.resolve(call);
      }
    }
  }

  /** Resolves with the first recorded call (past or future) that matches; rejects after timeoutMs. */
  waitFor(predicate: (call: T) => boolean, timeoutMs = 5000): Promise<T> {
    const found = this.calls.find((call) => safeMatch(predicate, call));
    if (found) return Promise.resolve(found);
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters.delete(waiter);
        const seen = this.calls.map(this.describe).join(', ') || 'nothing';
        reject(new Error(`waitFor: no matching call within ${timeoutMs} ms; received: ${seen}`));
      }, timeoutMs);
      const waiter: Waiter<T> = {
        predicate,
        resolve: (call) => {
          clearTimeout(timer);
          resolve(call);
        },
      };
      this.waiters.add(waiter);
    });
  }

  clear(): void {
    this.calls.length = 0;
  }
}

function safeMatch<T>(predicate: (call: T) => boolean, call: T): boolean {
  try {
    return predicate(call);
  } catch {
    return false;
  }
}

/** Failures planned by tests: the next `times` calls that match get `failure` instead of an answer. */
export class FailurePlan<C, F> {
  private plans: Array<{ matches: (call: C) => boolean; failure: F; remaining: number }> = [];

  add(matches: (call: C) => boolean, failure: F, times = 1): void {
    this.plans.push({ matches, failure, remaining: times });
  }

  take(call: C): F | undefined {
    const plan = this.plans.find((p) => p.matches(call));
    if (!plan) return undefined;
    plan.remaining -= 1;
    if (plan.remaining <= 0) this.plans = this.plans.filter((p) => p !== plan);
    return plan.failure;
  }

  clear(): void {
    this.plans = [];
  }
}
