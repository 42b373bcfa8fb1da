import { completionWindows } from '../domain/campaign-state';
import { Db } from '../storage/connection';
import { ReportDeps } from './report-context';
import { createHash } from 'node:crypto';
import { LinkSecrets, createRecordingToken } from '../domain/recording-token';

export interface RecordingLinkSettings {
  publicBaseUrl: string;
  secret: string;
  ttlSeconds: number;
  now?: () => Date;
}

/** Makes our own signed, expiring /r/<token> link for a call (docs/security.md). */
export function makeRecordingLinker(settings: RecordingLinkSettings): (accountId: string, callId: string) => string {
  return (accountId, callId) => {
    const nowSeconds = Math.floor((settings.now?.() ?? new Date()).getTime() / 1000);
    const token = createRecordingToken({ accountId, callId, expiresAt: nowSeconds + settings.ttlSeconds }, settings.secret);
    return `${settings.publicBaseUrl}/r/${token}`;
  };
}

/** RECORDING_LINK_SECRET, or one derived from APP_ENCRYPTION_KEY; undefined when neither is set (no links). */
export function recordingLinkSecret(explicit: string | undefined, encryptionKey: Buffer | undefined): string | undefined {
  if (explicit) return explicit;
  if (!encryptionKey) return undefined;
  return createHash('sha256').update('recording-links\u0000').update(encryptionKey).digest('base64url');
}

/** The parts of the configuration that decide recording links (src/config.ts Config fits). */
export interface LinkSettings {
  publicBaseUrl: string;
  encryptionKey: Buffer | undefined;
  recordingLinks: { secret: string | undefined; previousSecret?: string; ttlSeconds: number };
}

/** The secrets that sign (current) and verify (current, then RECORDING_LINK_PREVIOUS_SECRET) every link; undefined: no links. */
export function linkSecretsOf(settings: Pick<LinkSettings, 'encryptionKey' | 'recordingLinks'>): LinkSecrets | undefined {
  const current = recordingLinkSecret(settings.recordingLinks.secret, settings.encryptionKey);
  if (!current) return undefined;
  return settings.recordingLinks.previousSecret ? { current, previous: settings.recordingLinks.previousSecret } : { current };
}

/** The configuration's completion windows, in seconds (src/config.ts Config fits). */
export interface CompletionSettings {
  completion: { settleSeconds: number; idleTimeoutSeconds: number };
}

/**
 * Report dependencies as every surface makes them: recordings through signed /r/ links when a secret
 * exists, campaign states by the configured completion windows.
 */
export function reportDepsFor(settings: LinkSettings & CompletionSettings, db: Db): ReportDeps {
  const secret = recordingLinkSecret(settings.recordingLinks.secret, settings.encryptionKey);
  return {
    db,
    completion: completionWindows(settings.completion),
    recordingLinkFor: secret
      ? makeRecordingLinker({ publicBaseUrl: settings.publicBaseUrl, secret, ttlSeconds: settings.recordingLinks.ttlSeconds })
      : undefined,
  };
}
