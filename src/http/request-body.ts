import { IncomingMessage } from 'node:http';
import { Response } from 'express';
import { MAX_REQUEST_BYTES } from '../ingest/ingest-request';

/**
 * Reading request bodies under limits, and answering before a body is read in a way every client sees.
 * Shared by the webhook and the connector routes.
 */

/** Twelve bodies of the largest size (60 MiB) per process: far above what a healthy sender keeps in flight. */
export const DEFAULT_BODY_BUDGET_BYTES = 12 * MAX_REQUEST_BYTES;

/** The bytes of request bodies one process holds at once; past it, new bodies wait (503) instead of piling up. */
export class BodyBudget {
  private used = 0;
  constructor(readonly maxBytes: number) {}

  /** Reserves `bytes` and returns a release function, or null when that would pass the budget. */
  reserve(bytes: number): (() => void) | null {
    if (this.used + bytes > this.maxBytes) return null;
    this.used += bytes;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.used -= bytes;
    };
  }

  get bytesInUse(): number {
    return this.used;
  }
}

export class BodyTooLarge extends Error {
  constructor(readonly limit: number) {
    super(`the body is over ${limit} bytes`);
    this.name = 'BodyTooLarge';
  }
}

class ClientGone extends Error {}

/** The declared Content-Length, or null when the body is chunked (or the header is not a number). */
export function declaredLength(req: IncomingMessage): number | null {
  const header = req.headers['content-length'];
  if (header === undefined || !/^\d{1,15}$/.test(header)) return null;
  return Number(header);
}

/**
 * The whole body, or BodyTooLarge as soon as it passes `limit` (reading stops there; the rest is left for
 * `answerUnread` to drain). Rejects when the client goes away.
 */
export function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let length = 0;
    const cleanup = () => {
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onError);
      req.off('aborted', onAborted);
    };
    const onData = (chunk: Buffer) => {
      length += chunk.length;
      if (length > limit) {
        cleanup();
        req.pause();
        reject(new BodyTooLarge(limit));
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = () => {
      cleanup();
      resolve(chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, length));
    };
    const onError = (error: Error) => {
      cleanup();
      reject(error);
    };
    const onAborted = () => onError(new ClientGone('the client went away'));
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', onError);
    req.on('aborted', onAborted);
  });
}

/** After answering early, this much more of a body is read and dropped, for at most this long. */
export const DRAIN_LIMIT_BYTES = 8 * 1024 * 1024;
const DRAIN_TIMEOUT_MS = 10_000;

/**
 * Answers a request whose body was not (fully) read, then reads and drops the rest, up to a bound, so that
 * a client that writes its whole body before reading (Python's urllib and requests do) still gets the
 * status instead of "connection reset". Past the bound, or after the timeout, the connection is closed.
 */
export function answerUnread(
  req: IncomingMessage,
  res: Response,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  if (!req.complete) {
    drainBounded(req);
    // A request saying "Connection: close" (urllib's) would have Node close the socket as soon as the answer
    // is written, with the body still arriving: the client's next write fails and it never reads the answer.
    // Kept open, the connection closes once the client has read it, or when the drain's bound is reached.
    res.shouldKeepAlive = true;
  }
  res.status(status).set(headers).json(body);
}

function drainBounded(req: IncomingMessage): void {
  let drained = 0;
  const socket = req.socket;
  const stop = () => {
    clearTimeout(timer);
    req.off('data', onData);
  };
  const onData = (chunk: Buffer) => {
    drained += chunk.length;
    if (drained > DRAIN_LIMIT_BYTES) {
      stop();
      socket.destroy();
    }
  };
  const timer = setTimeout(() => {
    stop();
    if (!req.complete) socket.destroy();
  }, DRAIN_TIMEOUT_MS);
  timer.unref();
  req.on('data', onData);
  req.once('end', stop);
  req.once('close', stop);
  req.resume();
}

/**
 * Reserves room in the budget and reads the body, answering 503 (budget full) or 413 (past `limit`) itself;
 * null when it answered or the client went away. The reservation is released when the response closes.
 */
export async function readBodyWithinBudget(
  req: IncomingMessage,
  res: Response,
  budget: BodyBudget,
  limit: number,
  answers: { tooLarge: unknown; busy: unknown },
): Promise<Buffer | null> {
  const release = budget.reserve(declaredLength(req) ?? limit);
  if (!release) {
    answerUnread(req, res, 503, answers.busy, { 'Retry-After': '1' });
    return null;
  }
  res.once('close', release);
  try {
    return await readBody(req, limit);
  } catch (error) {
    if (error instanceof BodyTooLarge) answerUnread(req, res, 413, answers.tooLarge);
    return null; // or the client went away
  }
}
