import { Router } from 'express';
import { LinkSecrets, verifyRecordingToken } from '../domain/recording-token';
import { findCall } from '../storage/calls';
import { Db } from '../storage/connection';

export interface RecordingRouteDeps {
  db: Db;
  /** Undefined: recording links are off. */
  linkSecrets: LinkSecrets | undefined;
  now?: () => Date;
}

/** GET /r/<token> (interfaces.md §6): 302 to the recording while valid, 410 once expired, 404 when forged. */
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
    res.redirect(302, call.recording_url);
  });
  return router;
}
