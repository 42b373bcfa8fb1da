export interface LruMemoOptions<V> {
  /** Entries kept at most; the least recently used goes first. */
  maxEntries: number;
  /** Bytes kept at most, as `sizeOf` counts them; a value bigger than this alone is returned but not kept. */
  maxBytes?: number;
  sizeOf?: (value: V) => number;
  /** How long an entry is good for after it was made; unbounded without. */
  ttlMs?: number;
  now?: () => number;
}

interface Entry<V> {
  value: V;
  bytes: number;
  expiresAt: number;
}

/**
 * Values made by an async function, remembered by key in process memory, bounded in count and bytes.
 * Callers asking for a key that is being made share that one making; a making that fails is forgotten,
 * so the next caller tries again.
 */
export class LruMemo<V> {
  // A Map iterates in insertion order: re-inserting on every hit keeps the least recently used first.
  private readonly entries = new Map<string, Entry<V>>();
  private readonly making = new Map<string, Promise<V>>();
  private bytes = 0;
  private readonly now: () => number;

  constructor(private readonly options: LruMemoOptions<V>) {
    this.now = options.now ?? Date.now;
  }

  get size(): number {
    return this.entries.size;
  }

  get totalBytes(): number {
    return this.bytes;
  }

  get(key: string): V | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    this.drop(key);
    if (entry.expiresAt <= this.now()) return undefined;
    this.entries.set(key, entry);
    this.bytes += entry.bytes;
    return entry.value;
  }

  /** The value kept for `key`, else the one `make` is making for another caller, else a new making. */
  memo(key: string, make: () => Promise<V>): Promise<V> {
    const kept = this.get(key);
    if (kept !== undefined) return Promise.resolve(kept);
    const pending = this.making.get(key);
    if (pending) return pending;
    const made = make().then(
      (value) => {
        if (this.making.get(key) === made) {
          this.making.delete(key);
          this.set(key, value);
        }
        return value;
      },
      (error: unknown) => {
        if (this.making.get(key) === made) this.making.delete(key);
        throw error;
      },
    );
    this.making.set(key, made);
    return made;
  }

  set(key: string, value: V): void {
    this.delete(key);
    const bytes = this.options.sizeOf?.(value) ?? 0;
    if (this.options.maxBytes !== undefined && bytes > this.options.maxBytes) return;
    this.entries.set(key, { value, bytes, expiresAt: this.now() + (this.options.ttlMs ?? Infinity) });
    this.bytes += bytes;
    this.evict();
  }

  /** Forgets the key, and lets a making under way finish without being kept. */
  delete(key: string): void {
    this.making.delete(key);
    this.drop(key);
  }

  /** Forgets every kept entry whose value matches. */
  deleteWhere(matches: (value: V) => boolean): void {
    for (const [key, entry] of [...this.entries]) if (matches(entry.value)) this.drop(key);
  }

  clear(): void {
    this.entries.clear();
    this.making.clear();
    this.bytes = 0;
  }

  private drop(key: string): void {
    const entry = this.entries.get(key);
    if (!entry) return;
    this.entries.delete(key);
    this.bytes -= entry.bytes;
  }

  private evict(): void {
    const { maxEntries, maxBytes = Infinity } = this.options;
    for (const key of this.entries.keys()) {
      if (this.entries.size <= maxEntries && this.bytes <= maxBytes) return;
      this.drop(key);
    }
  }
}
