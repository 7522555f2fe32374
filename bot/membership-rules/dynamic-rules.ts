import { indexRulesByProperty, parseMembershipRule, type MembershipRule, type RuleIndex } from '../../domain/membership-rules/index.js';
import { isDynamic, type DirectoryGroup } from '../../domain/model/directory-group.js';
import { groupId } from '../../domain/model/ids.js';
import type { Directory } from '../../domain/ports/directory.js';
import { readRecords } from '../../domain/ports/read-records.js';
import type { Logger } from '../../domain/ports/logger.js';
import type { Store } from '../../domain/ports/store.js';
import { changedSince, readRuleVersion } from './rule-versions.js';

/** The dynamic groups with their parsed rules, and the index of which rules read which attributes. */
export interface DynamicRuleSet {
  readonly index: RuleIndex;
  /** Every dynamic group whose rule parses (paused ones too), by id. */
  readonly groups: ReadonlyMap<string, { readonly group: DirectoryGroup; readonly rule: MembershipRule }>;
}

// Parsing is pure: the same text gives the same rule object, so compiled predicates are reused too.
const maxRememberedRules = 10_000;

/**
 * Keeps the rule index built once and reused until a dynamic group's rule changes (the shared
 * `rules` counter moves): an attribute change then costs a map lookup, not a parse of every rule.
 */
export class DynamicRules {
  private cached: { readonly version: number; readonly set: DynamicRuleSet } | undefined;
  private readonly parsed = new Map<string, MembershipRule | null>();
  /** How many times the index was built from every group on this instance, and patched from recorded changes (tests and logs). */
  builds = 0;
  patches = 0;

  constructor(
    private readonly store: Store,
    private readonly directory: Directory,
    private readonly logger: Logger,
  ) {}

  /**
   * The current rule set. When a rule changed since the last build, the groups the counter's moves
   * recorded are read again and the index rebuilt from the dynamic groups alone; a move of unknown
   * extent lists every group (a full build).
   */
  async current(): Promise<DynamicRuleSet> {
    const version = await readRuleVersion(this.store, 'rules');
    if (this.cached?.version === version) return this.cached.set;
    const changed = this.cached && (await changedSince(this.store, 'rules', this.cached.version, version));
    const groups = changed ? await this.patched(this.cached!.set.groups, changed) : await this.everyRule();
    const index = indexRulesByProperty([...groups.values()].map(({ group, rule }) => ({ id: group.id, rule, paused: isPaused(group) })));
    if (changed) this.patches++;
    else this.builds++;
    this.cached = { version, set: { index, groups } };
    return this.cached.set;
  }

  private async everyRule(): Promise<Map<string, { group: DirectoryGroup; rule: MembershipRule }>> {
    const groups = new Map<string, { group: DirectoryGroup; rule: MembershipRule }>();
    for (const group of await this.directory.listGroups()) this.take(groups, group.id, group);
    return groups;
  }

  /** The rule set with `ids` read again: each now dynamic with a rule is in, any other is out. */
  private async patched(before: DynamicRuleSet['groups'], ids: readonly string[]): Promise<Map<string, { group: DirectoryGroup; rule: MembershipRule }>> {
    const groups = new Map(before);
    const { groups: found } = await readRecords(this.directory, { groups: ids.map(groupId) });
    ids.forEach((id, i) => this.take(groups, id, found[i]));
    return groups;
  }

  private take(groups: Map<string, { group: DirectoryGroup; rule: MembershipRule }>, id: string, group: DirectoryGroup | undefined): void {
    groups.delete(id);
    if (!group || !isDynamic(group)) return;
    const rule = group.membershipRule ? this.parse(group.membershipRule) : undefined;
    if (rule) groups.set(id, { group, rule });
    else this.logger.warn({ groupId: id }, 'a dynamic group has no rule GroupGate can read; it is left out of rule processing');
  }

  /** Parses a rule text, remembering the result; undefined when it has errors. */
  parse(text: string): MembershipRule | undefined {
    if (!this.parsed.has(text)) {
      if (this.parsed.size >= maxRememberedRules) this.parsed.clear();
      this.parsed.set(text, parseMembershipRule(text).rule);
    }
    return this.parsed.get(text) ?? undefined;
  }

  /** Forgets the index on this instance (the shared counter tells the others). */
  forget(): void {
    this.cached = undefined;
  }
}

/** True when Entra (or GroupGate) is told not to process the group's rule for now. */
export const isPaused = (group: DirectoryGroup) => (group.membershipRuleProcessingState ?? '').toLowerCase() === 'paused';
