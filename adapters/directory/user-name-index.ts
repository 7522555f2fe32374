import type { DirectoryUser } from '../../domain/model/directory-user.js';
import type { Store, StoreWrite } from '../../domain/ports/store.js';
import { boundedUnion, entryChanges, foldName, namedMember, readNamedMember, wordsOf, type IndexEntry, type IndexedName } from './index-entries.js';

// Users are indexed by the first letters of each word only: a prefix per letter, as for groups,
// would be millions of entries at 100,000 users.
const prefixLength = 3;

/**
 * Users by name, as store sets beside the users: `<family>:user-name:<folded>` for display name,
 * mail, user principal name and mail nickname; `user-prefix:<abc>` for the first three letters of
 * each word of the display name and of the mail and UPN before the `@`; `user-admins` for those
 * holding a role. Written in the same atomic batch as the user, so finding a person reads a few
 * small sets, not every user.
 */
export class UserNameIndex {
  constructor(
    private readonly store: Store,
    private readonly family: string,
  ) {}

  private key = (kind: string, value: string) => `${this.family}:user-${kind}:${value}`;
  private get admins() {
    return `${this.family}:user-admins`;
  }

  /** The writes that bring the index from the user as it was (`before`) to as it is (`after`; undefined when deleted). */
  changes(before: DirectoryUser | undefined, after: DirectoryUser | undefined): StoreWrite[] {
    return entryChanges(before ? this.entries(before) : [], after ? this.entries(after) : []);
  }

  /** Ids of the users whose display name, mail, UPN, mail nickname or linked Slack id is `name`, ignoring case and spaces. */
  async named(name: string): Promise<string[]> {
    const folded = foldName(name);
    return folded ? this.store.setMembers(this.key('name', folded)) : [];
  }

  /**
   * Users whose words begin with the first letters of every typed word long enough to be indexed,
   * in name order: candidates to check (the caller checks the whole text against each).
   */
  async sharingPrefixes(text: string): Promise<IndexedName[]> {
    const keys = [...new Set(indexedWords(text).map((word) => this.key('prefix', word.slice(0, prefixLength))))];
    if (keys.length === 0) return [];
    return (await this.store.intersectSets(keys.map((key) => [key]))).map(readNamedMember);
  }

  /** Candidates for "did you mean": users sharing the first letters of any typed word, smallest sets first, at most `limit`. */
  async like(text: string, limit: number): Promise<IndexedName[]> {
    const keys = wordsOf(text).map((word) => this.key('prefix', word.slice(0, prefixLength)));
    return boundedUnion(this.store, keys, limit);
  }

  /** Ids of the users whose stored record holds a role (the embedded tenant keeps roles on users). */
  withRoles = () => this.store.setMembers(this.admins);

  private entries(user: DirectoryUser): IndexEntry[] {
    const member = namedMember(user.displayName, user.id);
    const local = (address: string | null | undefined) => address?.split('@')[0];
    // The Slack id an embedded tenant file links a user to is a name too: Slack finds the person by it.
    const names = new Set([user.displayName, user.mail ?? '', user.userPrincipalName, user.mailNickname ?? '', user.slackUserId ?? ''].map(foldName).filter(Boolean));
    const words = [user.displayName, local(user.mail), local(user.userPrincipalName), user.mailNickname].flatMap(wordsOf);
    const prefixes = new Set(words.map((word) => word.slice(0, prefixLength)));
    return [
      ...[...names].map((name) => ({ key: this.key('name', name), member: user.id })),
      ...[...prefixes].map((prefix) => ({ key: this.key('prefix', prefix), member })),
      ...((user.roles ?? []).length > 0 ? [{ key: this.admins, member: user.id }] : []),
    ];
  }
}

/**
 * The typed words the prefix index can answer for: a typed address without its domain (only the
 * part before the `@` is indexed), and words of fewer than three letters left to the caller's
 * check ("Alan T" finds Alan Turing) unless every word is that short.
 */
function indexedWords(text: string): string[] {
  const words = wordsOf(text.replace(/@\S*/g, ' '));
  const long = words.filter((word) => word.length >= prefixLength);
  return long.length > 0 ? long : words;
}

