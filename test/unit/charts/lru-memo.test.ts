import { LruMemo } from '../../../src/adapters/charts/lru-memo';

const bytes = (text: string) => Buffer.from(text);

function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

describe('LruMemo', () => {
  it('keeps at most maxBytes, dropping the least recently used first', () => {
    const memo = new LruMemo<Buffer>({ maxEntries: 100, maxBytes: 10, sizeOf: (b) => b.length });
    memo.set('a', bytes('aaaa'));
    memo.set('b', bytes('bbbb'));
    expect(memo.get('a')?.toString()).toBe('aaaa'); // a is now more recent than b
    memo.set('c', bytes('cccc'));
    expect(memo.get('b')).toBeUndefined();
    expect(memo.get('a')?.toString()).toBe('aaaa');
    expect(memo.get('c')?.toString()).toBe('cccc');
    expect(memo.totalBytes).toBe(8);
  });

  it('keeps at most maxEntries, in order of use', () => {
    const memo = new LruMemo<string>({ maxEntries: 2 });
    memo.set('a', '1');
    memo.set('b', '2');
    memo.get('a');
    memo.set('c', '3');
    expect([memo.get('a'), memo.get('b'), memo.get('c')]).toEqual(['1', undefined, '3']);
    expect(memo.size).toBe(2);
  });

  it('does not keep a value bigger than maxBytes alone, and evicts nothing for it', async () => {
    const memo = new LruMemo<Buffer>({ maxEntries: 10, maxBytes: 4, sizeOf: (b) => b.length });
    memo.set('small', bytes('ab'));
    expect((await memo.memo('big', async () => bytes('too big'))).toString()).toBe('too big');
    expect(memo.get('big')).toBeUndefined();
    expect(memo.get('small')?.toString()).toBe('ab');
    expect(memo.totalBytes).toBe(2);
  });

  it('counts bytes back when an entry is replaced or deleted', () => {
    const memo = new LruMemo<Buffer>({ maxEntries: 10, maxBytes: 100, sizeOf: (b) => b.length });
    memo.set('a', bytes('aaaa'));
    memo.set('a', bytes('aa'));
    expect(memo.totalBytes).toBe(2);
    memo.delete('a');
    expect(memo.totalBytes).toBe(0);
    expect(memo.size).toBe(0);
  });

  it('makes a value once, and gives it from memory after', async () => {
    const memo = new LruMemo<string>({ maxEntries: 10 });
    const make = jest.fn(async () => 'drawn');
    expect(await memo.memo('k', make)).toBe('drawn');
    expect(await memo.memo('k', make)).toBe('drawn');
    expect(make).toHaveBeenCalledTimes(1);
  });

  it('callers asking while a value is being made share that one making', async () => {
    const memo = new LruMemo<string>({ maxEntries: 10 });
    const making = deferred<string>();
    const make = jest.fn(() => making.promise);
    const asked = [memo.memo('k', make), memo.memo('k', make), memo.memo('k', make)];
    making.resolve('drawn');
    expect(await Promise.all(asked)).toEqual(['drawn', 'drawn', 'drawn']);
    expect(make).toHaveBeenCalledTimes(1);
    expect(memo.get('k')).toBe('drawn');
  });

  it('does not keep a failed making: every caller of it fails, the next caller makes again', async () => {
    const memo = new LruMemo<string>({ maxEntries: 10 });
    const making = deferred<string>();
    const asked = [memo.memo('k', () => making.promise), memo.memo('k', () => making.promise)];
    making.reject(new Error('canvas broke'));
    for (const one of asked) await expect(one).rejects.toThrow('canvas broke');
    expect(memo.get('k')).toBeUndefined();
    const again = jest.fn(async () => 'drawn');
    expect(await memo.memo('k', again)).toBe('drawn');
    expect(again).toHaveBeenCalledTimes(1);
  });

  it('a key deleted while its value is being made is not kept, and the next caller makes anew', async () => {
    const memo = new LruMemo<string>({ maxEntries: 10 });
    const making = deferred<string>();
    const first = memo.memo('k', () => making.promise);
    memo.delete('k');
    const second = jest.fn(async () => 'fresh');
    expect(await memo.memo('k', second)).toBe('fresh');
    making.resolve('stale');
    expect(await first).toBe('stale');
    expect(memo.get('k')).toBe('fresh');
  });

  it('forgets an entry once its time is up', () => {
    let now = 1000;
    const memo = new LruMemo<string>({ maxEntries: 10, ttlMs: 50, now: () => now });
    memo.set('k', 'v');
    now = 1049;
    expect(memo.get('k')).toBe('v');
    now = 1050;
    expect(memo.get('k')).toBeUndefined();
    expect(memo.size).toBe(0);
  });

  it('deleteWhere forgets the entries whose value matches', () => {
    const memo = new LruMemo<string>({ maxEntries: 10 });
    memo.set('a', 'F1');
    memo.set('b', 'F2');
    memo.set('c', 'F1');
    memo.deleteWhere((value) => value === 'F1');
    expect([memo.get('a'), memo.get('b'), memo.get('c')]).toEqual([undefined, 'F2', undefined]);
  });
});
