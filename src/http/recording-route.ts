import { pipeline } from 'node:stream/promises';
import { Response, Router } from 'express';
import { Logger } from 'pino';
import { EMPTY_ALLOW_LIST, FetchAllowList } from '../domain/network-address';
import { LinkSecrets, verifyRecordingToken } from '../domain/recording-token';
import { findCall } from '../storage/calls';
import { Db } from '../storage/connection';
import { guardedFetch } from './guarded-fetch';

export interface RecordingRouteDeps {
  db: Db;
  /** Undefined: recording links are off. */
  linkSecrets: LinkSecrets | undefined;
  now?: () => Date;
  /** How long the recording's server may take to start answering a download (default 30 s). */
  downloadTimeoutMs?: number;
  /** Private hosts and networks a download may reach (RECORDING_FETCH_ALLOWED_HOSTS); default none. */
  fetchAllowList?: FetchAllowList;
  /** Told why a download was refused, so that an operator can allow an internal store. */
  logger?: Logger;
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

/** An audio type with plain parameters (`audio/wav; codecs=1`); nothing a browser could run or render. */
export const AUDIO_TYPE = /^audio\/[a-z0-9.+-]+(\s*;\s*[a-z0-9-]+=[a-z0-9.+-]+)*$/i;

/** The store's type when it is audio, else bytes to save: the file is someone else's, and is never shown here. */
export function downloadType(contentType: string | null): string {
  return contentType !== null && contentType.length <= 200 && AUDIO_TYPE.test(contentType.trim())
    ? contentType.trim()
    : 'application/octet-stream';
}

/**
 * The download variant: browsers ignore `download` on a link to another origin, so the recording is
 * passed through with Content-Disposition: attachment (streamed, never held in memory). The URL came from
 * whoever loaded the call, so the fetch is guarded: no private, loopback or metadata address unless allowed.
 */
async function sendAsDownload(
  res: Response,
  recordingUrl: string,
  callId: string,
  deps: RecordingRouteDeps,
): Promise<void> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), deps.downloadTimeoutMs ?? 30_000);
  const fetched = await guardedFetch(recordingUrl, deps.fetchAllowList ?? EMPTY_ALLOW_LIST, controller.signal).finally(
    () => clearTimeout(timer),
  );
  if (fetched.kind === 'refused') {
    deps.logger?.warn(
      { callId, reason: fetched.reason },
      'recording download refused (RECORDING_FETCH_ALLOWED_HOSTS allows internal hosts)',
    );
    res
      .status(502)
      .type('text/plain')
      .send("The recording's address is not allowed for downloads through this server; listen to it instead.");
    return;
  }
  if (fetched.kind === 'failed') {
    res
      .status(502)
      .type('text/plain')
      .send('The recording could not be fetched from its server; try again, or listen to it instead.');
    return;
  }
  const upstream = fetched.response;
  const status = upstream.statusCode ?? 0;
  if (status < 200 || status > 299) {
    upstream.destroy();
    res
      .status(502)
      .type('text/plain')
      .send(`The recording's server answered ${status}; try again later, or listen to it instead.`);
    return;
  }
  const contentType = upstream.headers['content-type'] ?? null;
  res.status(200);
  res.setHeader('Content-Type', downloadType(contentType));
  res.setHeader('X-Content-Type-Options', 'nosniff');
  const length = upstream.headers['content-length'];
  if (length) res.setHeader('Content-Length', length);
  // Not asked for, but if the server compresses anyway the bytes go through as they are, and so must this.
  const encoding = upstream.headers['content-encoding'];
  if (encoding) res.setHeader('Content-Encoding', encoding);
  res.setHeader(
    'Content-Disposition',
    `attachment; filename="${recordingFilename(callId, contentType, recordingUrl)}"`,
  );
  await pipeline(upstream, res).catch(() => res.destroy());
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
      if (check.reason === 'expired')
        res.status(410).type('text/plain').send('This recording link has expired. Ask the bot for a new one.');
      else res.status(404).type('text/plain').send('No such recording link.');
      return;
    }
    const call = await findCall(deps.db, check.claim.accountId, check.claim.callId);
    if (!call?.recording_url) {
      res.status(404).type('text/plain').send('This call has no recording.');
      return;
    }
    if (req.query.download === '1' && /^https?:\/\//i.test(call.recording_url)) {
      await sendAsDownload(res, call.recording_url, check.claim.callId, deps);
      return;
    }
    res.redirect(302, call.recording_url);
  });
  return router;
}
