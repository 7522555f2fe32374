import type { DirectoryGroup } from '../../domain/model/directory-group.js';
import type { Store, StoreWrite } from '../../domain/ports/store.js';
import { boundedUnion, byName, entryChanges, foldName, namedMember, prefixesOf, readNamedMember, wordsOf, type IndexEntry, type IndexedName } from './index-entries.js';

/** A page of a group search: the names on it, and how many groups matched in all. */
export interface NamePage {
  readonly names: readonly IndexedName[];
  readonly total: number;
}

/** What a search reads: names only (finding the group someone meant) or descriptions too (`groups <words>`). */
export interface GroupSearchOptions {
  readonly limit: number;
  readonly offset?: number;
  readonly descriptions?: boolean;
}

/**
 * Groups by name, as store sets beside the groups (`<family>:group-name:<folded name>` for display
 * names and mail nicknames; `group-prefix:<p>` for every prefix of their words; `group-word:<w>` for
 * description words; `group-initial:<c>` to page through every group in name order). The entries
 * are written in the same atomic batch as the group, and a rename or delete moves exactly the
 * entries that changed, so a lookup reads a few small sets whatever the tenant's size.
 */
export class GroupNameIndex {
  constructor(
    private readonly store: Store,
    private readonly family: string,
  ) {}

  private key = (kind: string, value: string) => `${this.family}:group-${kind}:${value}`;
  private get initials() {
    return `${this.family}:group-initials`;
  }
  private get all() {
    return `${this.family}:group-all`;
  }

  /** The writes that bring the index from the group as it was (`before`) to as it is (`after`; undefined when deleted). */
  changes(before: DirectoryGroup | undefined, after: DirectoryGroup | undefined): StoreWrite[] {
    // Other groups may share the initial letter: a letter once seen stays (an empty letter only costs browse one read).
    return entryChanges(before ? this.entries(before) : [], after ? this.entries(after) : []).filter((write) => !('removeFrom' in write && write.removeFrom === this.initials));
  }

  /** Ids of the groups whose display name or mail nickname is `name`, ignoring case and spaces. */
  async named(name: string): Promise<string[]> {
    const folded = foldName(name);
    return folded ? this.store.setMembers(this.key('name', folded)) : [];
  }

  /**
   * Groups each of whose typed words begins a word of their name or mail nickname (or, with
   * `descriptions`, is a word of their description), in name order, one page. No words pages
   * through every group in name order.
   */
  async search(text: string, options: GroupSearchOptions): Promise<NamePage> {
    const words = wordsOf(text);
    if (words.length === 0) return this.browse(options);
    // Per word, the names it begins (and with descriptions, the descriptions it is a word of); the store
    // intersects them where they live, so a search reads the groups it finds, not every group a word begins.
    const found = await this.store.intersectSets(words.map((word) => [this.key('prefix', word), ...(options.descriptions ? [this.key('word', word)] : [])]));
    const names = found.map(readNamedMember).sort(byName);
    const offset = options.offset ?? 0;
    return { names: names.slice(offset, offset + options.limit), total: names.length };
  }

  /**
   * Candidates for "did you mean": groups sharing the first three letters of a typed word, the
   * smallest sets first, at most `limit` of them — never every group.
   */
  async like(text: string, limit: number): Promise<IndexedName[]> {
    const keys = wordsOf(text).map((word) => this.key('prefix', word.slice(0, 3)));
    return boundedUnion(this.store, keys, limit);
  }

  /** How many groups there are: one set size. */
  count = () => this.store.setSize(this.all);

  /** Every group in name order, a page at a time: by initial letter, reading only the letters the page reaches. */
  private async browse({ limit, offset = 0 }: GroupSearchOptions): Promise<NamePage> {
    const [initials, total] = await Promise.all([this.store.setMembers(this.initials), this.count()]);
    const names: IndexedName[] = [];
    let skip = offset;
    for (const initial of initials.sort((a, b) => a.localeCompare(b))) {
      if (names.length >= limit) break;
      const key = this.key('initial', initial);
      const size = await this.store.setSize(key);
      if (skip >= size) {
        skip -= size;
        continue;
      }
      const bucket = (await this.store.setMembers(key)).map(readNamedMember).sort(byName);
      names.push(...bucket.slice(skip, skip + limit - names.length));
      skip = 0;
    }
    return { names, total };
  }

  private entries(group: DirectoryGroup): IndexEntry[] {
    const member = namedMember(group.displayName, group.id);
    const names = [...new Set([group.displayName, group.mailNickname ?? ''].map(foldName).filter(Boolean))];
    const prefixes = new Set([...wordsOf(group.displayName), ...wordsOf(group.mailNickname)].flatMap(prefixesOf));
    const initial = [...foldName(group.displayName)][0] ?? '';
    return [
      { key: this.all, member: group.id },
      { key: this.initials, member: initial },
      { key: this.key('initial', initial), member },
      ...names.map((name) => ({ key: this.key('name', name), member: group.id })),
      ...[...prefixes].map((prefix) => ({ key: this.key('prefix', prefix), member })),
      ...wordsOf(group.description).slice(0, 64).map((word) => ({ key: this.key('word', word), member })),
    ];
  }
}
