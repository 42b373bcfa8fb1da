import { createHash } from 'node:crypto';
import { LruMemo } from '../charts/lru-memo';

/** Slack keeps the files; an hour bounds how long a file deleted in Slack can cost a refused message. */
export const UPLOADED_CHARTS_TTL_MS = 60 * 60 * 1000;
export const UPLOADED_CHARTS_MAX_ENTRIES = 5000;

export interface UploadedChart {
  fileId: string;
  /** Uploaded before this message (true), not for it: Slack may have lost it since. */
  reused: boolean;
}

const sha256 = (data: string | Buffer) => createHash('sha256').update(data).digest('hex');

/**
 * Chart PNGs already uploaded to a workspace, by bot token and PNG, so that a chart shown again is shown
 * through the same `slack_file` instead of a new upload. Only a hash of the token is kept.
 */
export class UploadedCharts {
  private readonly files: LruMemo<string>;

  constructor(options: { maxEntries?: number; ttlMs?: number; now?: () => number } = {}) {
    this.files = new LruMemo<string>({
      maxEntries: options.maxEntries ?? UPLOADED_CHARTS_MAX_ENTRIES,
      ttlMs: options.ttlMs ?? UPLOADED_CHARTS_TTL_MS,
      ...(options.now ? { now: options.now } : {}),
    });
  }

  /** The file id of `png` in the workspace of `token`: the one uploaded earlier, else the one `upload` gives. */
  async fileFor(token: string, png: Buffer, upload: () => Promise<string>): Promise<UploadedChart> {
    const key = `${sha256(token)}:${sha256(png)}`;
    const kept = this.files.get(key);
    if (kept !== undefined) return { fileId: kept, reused: true };
    return { fileId: await this.files.memo(key, upload), reused: false };
  }

  /** Files Slack no longer shows (deleted, say): the next message with these charts uploads them anew. */
  forget(fileIds: readonly string[]): void {
    const gone = new Set(fileIds);
    if (gone.size > 0) this.files.deleteWhere((fileId) => gone.has(fileId));
  }

  clear(): void {
    this.files.clear();
  }
}

/** One per process (per answer thread): answers, deliveries and their edits share it. */
export const uploadedCharts = new UploadedCharts();
