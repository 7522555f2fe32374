/**
 * A few minutes' in-process memory of values the store already keeps with a longer time to live
 * (the Slack ↔ directory mappings, trusted for 12 hours), so that a busy instance does not ask the
 * store for them on every click and message. Bounded; the oldest entry goes first.
 */
export class ShortMemory<V> {
  private readonly entries = new Map<string, { readonly value: V; readonly until: number }>();

  constructor(
    private readonly forMs = 5 * 60 * 1000,
    private readonly maxEntries = 10_000,
    private readonly now = () => Date.now(),
  ) {}

  recall(key: string): V | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (entry.until > this.now()) return entry.value;
    this.entries.delete(key);
    return undefined;
  }

  keep(key: string, value: V): void {
    this.entries.delete(key);
    this.entries.set(key, { value, until: this.now() + this.forMs });
    if (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
  }
}
