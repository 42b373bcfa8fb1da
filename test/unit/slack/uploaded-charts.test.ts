import { UploadedCharts } from '../../../src/adapters/slack/uploaded-charts';

const PNG_A = Buffer.from('png a');
const PNG_B = Buffer.from('png b');

describe('UploadedCharts', () => {
  it('uploads a PNG once per workspace token, and says when a file was uploaded before', async () => {
    const uploads = new UploadedCharts();
    let n = 0;
    const upload = jest.fn(async () => `F${++n}`);
    expect(await uploads.fileFor('xoxb-a', PNG_A, upload)).toEqual({ fileId: 'F1', reused: false });
    expect(await uploads.fileFor('xoxb-a', Buffer.from('png a'), upload)).toEqual({ fileId: 'F1', reused: true });
    expect(await uploads.fileFor('xoxb-a', PNG_B, upload)).toEqual({ fileId: 'F2', reused: false });
    expect(await uploads.fileFor('xoxb-b', PNG_A, upload)).toEqual({ fileId: 'F3', reused: false });
    expect(upload).toHaveBeenCalledTimes(3);
  });

  it('shares one upload between messages asking for the same chart at the same time', async () => {
    const uploads = new UploadedCharts();
    let finish!: (id: string) => void;
    const upload = jest.fn(() => new Promise<string>((resolve) => (finish = resolve)));
    const asked = [uploads.fileFor('xoxb-a', PNG_A, upload), uploads.fileFor('xoxb-a', PNG_A, upload)];
    finish('F1');
    expect((await Promise.all(asked)).map((u) => u.fileId)).toEqual(['F1', 'F1']);
    expect(upload).toHaveBeenCalledTimes(1);
  });

  it('does not remember a failed upload', async () => {
    const uploads = new UploadedCharts();
    await expect(
      uploads.fileFor('xoxb-a', PNG_A, async () => Promise.reject(new Error('ratelimited'))),
    ).rejects.toThrow('ratelimited');
    expect(await uploads.fileFor('xoxb-a', PNG_A, async () => 'F2')).toEqual({ fileId: 'F2', reused: false });
  });

  it('uploads again once a file is forgotten, or older than the time it is kept', async () => {
    let now = 0;
    const uploads = new UploadedCharts({ ttlMs: 1000, now: () => now });
    let n = 0;
    const upload = async () => `F${++n}`;
    await uploads.fileFor('xoxb-a', PNG_A, upload);
    await uploads.fileFor('xoxb-a', PNG_B, upload);
    uploads.forget(['F1']);
    expect(await uploads.fileFor('xoxb-a', PNG_A, upload)).toEqual({ fileId: 'F3', reused: false });
    expect(await uploads.fileFor('xoxb-a', PNG_B, upload)).toEqual({ fileId: 'F2', reused: true });
    now = 1000;
    expect(await uploads.fileFor('xoxb-a', PNG_B, upload)).toEqual({ fileId: 'F4', reused: false });
  });

  it('keeps at most maxEntries files', async () => {
    const uploads = new UploadedCharts({ maxEntries: 1 });
    let n = 0;
    const upload = async () => `F${++n}`;
    await uploads.fileFor('xoxb-a', PNG_A, upload);
    await uploads.fileFor('xoxb-a', PNG_B, upload);
    expect(await uploads.fileFor('xoxb-a', PNG_A, upload)).toEqual({ fileId: 'F3', reused: false });
  });

  it('keeps no token, only its hash', async () => {
    const uploads = new UploadedCharts();
    await uploads.fileFor('xoxb-secret-token', PNG_A, async () => 'F1');
    const kept = JSON.stringify([
      ...(uploads as unknown as { files: { entries: Map<string, unknown> } }).files.entries,
    ]);
    expect(kept).toContain('F1');
    expect(kept).not.toContain('xoxb-secret-token');
  });
});
