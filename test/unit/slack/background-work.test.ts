import { BackgroundWork } from '../../../src/adapters/slack/background-work';
import { createLogger } from '../../../src/logger';

describe('BackgroundWork', () => {
  it('runs at most `concurrency` tasks at once and drains', async () => {
    const work = new BackgroundWork(createLogger('silent', false), 2);
    let running = 0;
    let most = 0;
    const done: number[] = [];
    const releases: Array<() => void> = [];
    for (let i = 0; i < 5; i += 1) {
      void work.run(`t${i}`, async () => {
        running += 1;
        most = Math.max(most, running);
        await new Promise<void>((resolve) => releases.push(resolve));
        running -= 1;
        done.push(i);
      });
    }
    while (done.length < 5) {
      await new Promise((resolve) => setImmediate(resolve));
      releases.shift()?.();
    }
    await work.drain();
    expect(most).toBe(2);
    expect(done).toEqual([0, 1, 2, 3, 4]);
    expect(work.size).toBe(0);
  });

  it('logs a failure instead of throwing it, and keeps going', async () => {
    const work = new BackgroundWork(createLogger('silent', false), 1);
    const ran: string[] = [];
    void work.run('fails', async () => {
      throw new Error('boom');
    });
    void work.run('next', async () => {
      ran.push('next');
    });
    await work.drain();
    expect(ran).toEqual(['next']);
  });

  it('does not start a task in the same turn as the request that asked for it', async () => {
    const work = new BackgroundWork(createLogger('silent', false));
    let started = false;
    void work.run('later', async () => {
      started = true;
    });
    await Promise.resolve();
    expect(started).toBe(false);
    await work.drain();
    expect(started).toBe(true);
  });
});
