import { indexRulesByProperty, parseMembershipRule, type MembershipRule, type RuleIndex } from '../../domain/membership-rules/index.js';
import { isDynamic, type DirectoryGroup } from '../../domain/model/directory-group.js';
import type { Directory } from '../../domain/ports/directory.js';
import type { Logger } from '../../domain/ports/logger.js';
import type { Store } from '../../domain/ports/store.js';
import { readRuleVersion } from './rule-versions.js';

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
  /** How many times the index was built on this instance (tests and logs). */
  builds = 0;

  constructor(
    private readonly store: Store,
    private readonly directory: Directory,
    private readonly logger: Logger,
  ) {}

  /** The current rule set, rebuilt only when a rule changed since the last build. */
  async current(): Promise<DynamicRuleSet> {
    const version = await readRuleVersion(this.store, 'rules');
    if (this.cached?.version === version) return this.cached.set;
    const groups = new Map<string, { group: DirectoryGroup; rule: MembershipRule }>();
    for (const group of await this.directory.listGroups()) {
      const rule = isDynamic(group) && group.membershipRule ? this.parse(group.membershipRule) : undefined;
      if (rule) groups.set(group.id, { group, rule });
      else if (isDynamic(group)) this.logger.warn({ groupId: group.id }, 'a dynamic group has no rule GroupGate can read; it is left out of rule processing');
    }
    const index = indexRulesByProperty([...groups.values()].map(({ group, rule }) => ({ id: group.id, rule, paused: isPaused(group) })));
    this.builds++;
    this.cached = { version, set: { index, groups } };
    return this.cached.set;
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
