import { PassThrough, Readable, Writable } from 'node:stream';
import { gatedOutput } from '../../../src/adapters/email/delivery-gate';

function collect(stream: Readable): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _enc, done) {
        chunks.push(chunk);
        done();
      },
    });
    sink.on('finish', () => resolve(Buffer.concat(chunks)));
    stream.on('error', reject);
    stream.pipe(sink);
  });
}

describe('the SMTP delivery gate', () => {
  it('reads nothing until piped, and ends only after the gate resolved', async () => {
    const input = new PassThrough();
    const events: string[] = [];
    const output = gatedOutput(input, async (finish) => {
      events.push('gate');
      finish();
    });
    input.end(Buffer.from('x'.repeat(100_000)));
    await new Promise((resolve) => setImmediate(resolve));
    expect(output.readableDidRead).toBe(false);
    const body = await collect(output);
    events.push('end');
    expect(body.length).toBe(100_000);
    expect(events).toEqual(['gate', 'end']);
  });

  it('never ends the message when the gate fails (the server discards it)', async () => {
    const input = new PassThrough();
    const output = gatedOutput(input, async () => {
      throw new Error('ledger unavailable');
    });
    input.end(Buffer.from('message'));
    await expect(collect(output)).rejects.toThrow('ledger unavailable');
  });
});
