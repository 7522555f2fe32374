import type { SubjectSnapshot, TextColumn } from './subject-snapshot.js';

/** A subject named in a preview. */
export interface PreviewSample {
  readonly id: string;
  readonly displayName: string;
}

/**
 * Keeps the first `size` subjects by display name (ignoring case) while a preview streams past,
 * in O(size) memory: a whole-tenant preview must not sort a million names to show ten.
 */
export class DisplayNameSample {
  private readonly chosen: number[] = [];

  constructor(
    private readonly size: number,
    private readonly names: TextColumn,
  ) {}

  offer(index: number): void {
    if (this.size <= 0) return;
    const { chosen } = this;
    if (chosen.length === this.size && !this.before(index, chosen[chosen.length - 1]!)) return;
    let at = chosen.length === this.size ? chosen.length - 1 : chosen.length;
    while (at > 0 && this.before(index, chosen[at - 1]!)) {
      chosen[at] = chosen[at - 1]!;
      at--;
    }
    chosen[at] = index;
  }

  /** The chosen subjects, in display-name order. */
  take(snapshot: SubjectSnapshot): PreviewSample[] {
    return this.chosen.map((index) => {
      const subject = snapshot.subject(index);
      return { id: String(subject.id ?? ''), displayName: typeof subject.displayName === 'string' ? subject.displayName : String(subject.id ?? '') };
    });
  }

  // Subjects without a name sort last; equal names keep snapshot order, which is stable.
  private before(a: number, b: number): boolean {
    const x = this.names[a];
    const y = this.names[b];
    if (x == null) return false;
    return y == null || x < y || (x === y && a < b);
  }
}
