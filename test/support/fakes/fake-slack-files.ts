/** The fake Slack's external file uploads: get an upload URL, send the bytes there, complete. */
import { compact, num, SlackApiError, str, type SlackArgs } from './fake-slack-rules';

export interface SlackFile {
  id: string;
  filename: string;
  title?: string;
  /** The length announced in files.getUploadURLExternal. */
  length: number;
  /** What was sent to the upload URL (the file part of a multipart body, or the raw body). */
  bytes?: Buffer;
  completed: boolean;
  channelId?: string;
  threadTs?: string;
  initialComment?: string;
}

export class SlackFileStore {
  private files = new Map<string, SlackFile>();

  constructor(
    private readonly baseUrl: () => string,
    private readonly nextId: () => number,
  ) {}

  list(): SlackFile[] {
    return [...this.files.values()];
  }

  /** files.getUploadURLExternal */
  uploadUrl(args: SlackArgs): SlackArgs {
    const filename = str(args.filename);
    const length = num(args.length);
    if (!filename || length === undefined || !Number.isInteger(length) || length < 1)
      throw new SlackApiError('invalid_arguments');
    const id = `F${String(this.nextId()).padStart(8, '0')}`;
    this.files.set(id, { id, filename, length, completed: false });
    return { upload_url: `${this.baseUrl()}/upload/${id}`, file_id: id };
  }

  /** The POST to an upload URL; false when no such upload was asked for. */
  receive(fileId: string, bytes: Buffer): boolean {
    const file = this.files.get(fileId);
    if (file) file.bytes = bytes;
    return file !== undefined;
  }

  /** files.completeUploadExternal */
  complete(args: SlackArgs): SlackArgs {
    const entries = Array.isArray(args.files) ? (args.files as Array<{ id?: string; title?: string }>) : [];
    if (entries.length === 0) throw new SlackApiError('invalid_arguments');
    const files = entries.map((entry) => {
      const file = entry.id ? this.files.get(entry.id) : undefined;
      if (!file || !file.bytes) throw new SlackApiError('file_not_found');
      const sharing = {
        title: entry.title ?? file.filename,
        channelId: str(args.channel_id),
        threadTs: str(args.thread_ts),
        initialComment: str(args.initial_comment),
      };
      Object.assign(file, compact({ completed: true, ...sharing }));
      return {
        id: file.id,
        name: file.filename,
        title: file.title,
        size: file.bytes.length,
        url_private: `${this.baseUrl()}/files/${file.id}/${file.filename}`,
        permalink: `${this.baseUrl()}/files/${file.id}`,
        channels: file.channelId ? [file.channelId] : [],
      };
    });
    return { files };
  }

  /** files.delete: the file is gone; messages can no longer show it. */
  delete(args: SlackArgs): SlackArgs {
    const id = str(args.file);
    if (!id || !this.files.delete(id)) throw new SlackApiError('file_not_found');
    return {};
  }

  clear(): void {
    this.files.clear();
  }
}
