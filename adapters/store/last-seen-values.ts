/**
 * The stored form of keys this process read or wrote a moment ago, for the first try of an atomic
 * update: a compare-and-swap against what was last seen saves the read that would fetch it again
 * (a request read at a click, then decided; a rate-limit bucket this instance took from last time;
 * a lease it holds). Never used to answer a read. Being stale costs nothing but a retry: the swap
 * finds another value and the update reads afresh, exactly as when another writer wins.
 *
 * Bounded by entry count and value size, oldest forgotten first, so a 100k-user tenant's traffic
 * keeps a few megabytes at most here.
 */
export class LastSeenValues {
  private readonly seen = new Map<string, string | undefined>();

  constructor(
    private readonly maxEntries = 2_000,
    private readonly maxValueLength = 16_384,
  ) {}

  /** What `key` held when last seen (undefined: absent), or `missing` when not known. */
  lookup(key: string): { readonly raw: string | undefined } | 'missing' {
    if (!this.seen.has(key)) return 'missing';
    return { raw: this.seen.get(key) };
  }

  /** `key` holds `raw` now (undefined: nothing). */
  remember(key: string, raw: string | undefined): void {
    this.seen.delete(key);
    if (raw !== undefined && raw.length > this.maxValueLength) return;
    this.seen.set(key, raw);
    if (this.seen.size > this.maxEntries) this.seen.delete(this.seen.keys().next().value!);
  }

  forget(key: string): void {
    this.seen.delete(key);
  }
}
