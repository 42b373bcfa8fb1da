import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Response, Router } from 'express';
import { LinkSecrets, verifyRecordingToken } from '../domain/recording-token';
import { findCall } from '../storage/calls';
import { Db } from '../storage/connection';

export interface RecordingRouteDeps {
  db: Db;
  /** Undefined: recording links are off. */
  linkSecrets: LinkSecrets | undefined;
  now?: () => Date;
  /** How long the recording's server may take to start answering a download (default 30 s). */
  downloadTimeoutMs?: number;
}

const AUDIO_EXTENSIONS: Record<string, string> = {
  'audio/mpeg': 'mp3',
  'audio/mp3': 'mp3',
  'audio/wav': 'wav',
  'audio/x-wav': 'wav',
  'audio/wave': 'wav',
  'audio/ogg': 'ogg',
  'audio/webm': 'webm',
  'audio/mp4': 'm4a',
  'audio/aac': 'aac',
};

/** `recording-<call id>.<ext>`: the extension from the answer's type, else from the URL, else none. */
export function recordingFilename(callId: string, contentType: string | null, url: string): string {
  const safeId = callId.replace(/[^A-Za-z0-9._-]+/g, '_').slice(0, 100) || 'call';
  const byType = AUDIO_EXTENSIONS[(contentType ?? '').split(';')[0].trim().toLowerCase()];
  const byUrl = /\.([A-Za-z0-9]{2,5})$/.exec(new URL(url).pathname)?.[1]?.toLowerCase();
  const ext = byType ?? byUrl;
  return ext ? `recording-${safeId}.${ext}` : `recording-${safeId}`;
}

/**
 * The download variant: browsers ignore `download` on a link to another origin, so the recording is
 * passed through with Content-Disposition: attachment (streamed, never held in memory).
 */
async function sendAsDownload(res: Response, recordingUrl: string, callId: string, timeoutMs: number): Promise<void> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  let upstream: globalThis.Response;
  try {
    upstream = await fetch(recordingUrl, { signal: controller.signal, redirect: 'follow' });
  } catch {
    res.status(502).type('text/plain').send('The recording could not be fetched from its server; try again, or listen to it instead.');
    return;
  } finally {
    clearTimeout(timer);
  }
  if (!upstream.ok || !upstream.body) {
    res.status(502).type('text/plain').send(`The recording's server answered ${upstream.status}; try again later, or listen to it instead.`);
    return;
  }
  const contentType = upstream.headers.get('content-type');
  res.status(200);
  res.setHeader('Content-Type', contentType ?? 'application/octet-stream');
  const length = upstream.headers.get('content-length');
  if (length) res.setHeader('Content-Length', length);
  res.setHeader('Content-Disposition', `attachment; filename="${recordingFilename(callId, contentType, recordingUrl)}"`);
  await pipeline(Readable.fromWeb(upstream.body as import('node:stream/web').ReadableStream), res).catch(() => res.destroy());
}

/**
 * GET /r/<token> (docs/reports.md): 302 to the recording while valid, 410 once expired, 404 when forged.
 * GET /r/<token>?download=1: the recording itself, as a file to save.
 */
export function recordingRouter(deps: RecordingRouteDeps): Router {
  const router = Router();
  router.get('/r/:token', async (req, res) => {
    res.setHeader('Cache-Control', 'no-store');
    res.setHeader('Referrer-Policy', 'no-referrer');
    if (!deps.linkSecrets) {
      res.status(404).type('text/plain').send('Recording links are not enabled on this server.');
      return;
    }
    const nowSeconds = Math.floor((deps.now?.() ?? new Date()).getTime() / 1000);
    const check = verifyRecordingToken(req.params.token, deps.linkSecrets, nowSeconds);
    if (!check.ok) {
      if (check.reason === 'expired') res.status(410).type('text/plain').send('This recording link has expired. Ask the bot for a new one.');
      else res.status(404).type('text/plain').send('No such recording link.');
      return;
    }
    const call = await findCall(deps.db, check.claim.accountId, check.claim.callId);
    if (!call?.recording_url) {
      res.status(404).type('text/plain').send('This call has no recording.');
      return;
    }
    if (req.query.download === '1' && /^https?:\/\//i.test(call.recording_url)) {
      await sendAsDownload(res, call.recording_url, check.claim.callId, deps.downloadTimeoutMs ?? 30_000);
      return;
    }
    res.redirect(302, call.recording_url);
  });
  return router;
}
