import { createReadStream } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import { pipeline } from 'node:stream/promises';
import { WebClient } from '@slack/web-api';

export interface FileOnDisk {
  path: string;
  bytes: number;
}

export interface StreamedUpload {
  channelId: string;
  filename: string;
  title: string;
  initialComment: string;
}

const UPLOAD_TIMEOUT_MS = 120_000;

/** POSTs a file's bytes to a Slack upload URL from disk, never holding more than a stream chunk. */
async function postFileBytes(uploadUrl: string, file: FileOnDisk): Promise<void> {
  const url = new URL(uploadUrl);
  const transport = url.protocol === 'http:' ? http : https;
  await new Promise<void>((resolve, reject) => {
    const request = transport.request(
      url,
      {
        method: 'POST',
        headers: { 'content-type': 'application/octet-stream', 'content-length': String(file.bytes) },
        timeout: UPLOAD_TIMEOUT_MS,
      },
      (response) => {
        response.resume();
        response.on('end', () =>
          response.statusCode === 200
            ? resolve()
            : reject(new Error(`the file upload answered HTTP ${response.statusCode}`)),
        );
        response.on('error', reject);
      },
    );
    request.on('timeout', () => request.destroy(new Error('the file upload timed out')));
    request.on('error', reject);
    pipeline(createReadStream(file.path), request).catch(reject);
  });
}

/**
 * What files.uploadV2 does (get an upload URL, send the bytes, complete into a channel), with the bytes
 * streamed from disk: files.uploadV2 reads a whole file into memory first.
 */
export async function uploadFileFromDisk(client: WebClient, file: FileOnDisk, upload: StreamedUpload): Promise<void> {
  const target = await client.files.getUploadURLExternal({ filename: upload.filename, length: file.bytes });
  if (!target.upload_url || !target.file_id) throw new Error('files.getUploadURLExternal gave no upload URL');
  await postFileBytes(target.upload_url, file);
  await client.files.completeUploadExternal({
    files: [{ id: target.file_id, title: upload.title }],
    channel_id: upload.channelId,
    initial_comment: upload.initialComment,
  });
}
