import { compileMembershipRule } from './compile-membership-rule.js';
import type { Clock, Evaluate } from './compile-comparison.js';
import type { MembershipRule, RuleObjectType, RuleSubject } from './membership-rule.js';
import { ruleReads } from './rule-reads.js';
import { SubjectSnapshot } from './subject-snapshot.js';
import { type RuleResult, truthResult } from './truth.js';

/** A dynamic group as the index needs it; a paused group (membershipRuleProcessingState "Paused") is left out. */
export interface DynamicGroupRule {
  readonly id: string;
  readonly rule: MembershipRule;
  readonly paused?: boolean;
}

/** A group's new result for a changed subject. */
export interface GroupEvaluation {
  readonly groupId: string;
  readonly result: RuleResult;
}

/** Builds the index from every dynamic group's rule. */
export function indexRulesByProperty(groups: readonly DynamicGroupRule[]): RuleIndex {
  return new RuleIndex(groups.filter((group) => !group.paused));
}

/**
 * Which dynamic groups read which Graph fields, so that one attribute change re-evaluates only the rules that read it.
 * Lookups cost a map access; evaluation reuses predicates bound to a one-subject snapshot, so nothing is compiled per change.
 */
export class RuleIndex {
  /** Groups whose rules use system.now: their membership moves with time, whatever changes. */
  readonly timeDependentGroupIds: readonly string[];
  private readonly byField = new Map<string, string[]>();
  private readonly byTopField = new Map<string, string[]>();
  private readonly rules = new Map<string, MembershipRule>();
  private readonly bound = new Map<string, Evaluate>();
  private readonly clock: Clock = { now: 0 };
  private readonly views: Record<RuleObjectType, SubjectSnapshot> = { user: new SubjectSnapshot([{}]), device: new SubjectSnapshot([{}]) };

  constructor(groups: readonly DynamicGroupRule[]) {
    const timeDependent: string[] = [];
    for (const { id, rule } of groups) {
      this.rules.set(id, rule);
      const reads = ruleReads(rule);
      if (reads.usesNow) timeDependent.push(id);
      for (const { graphField } of reads.fields) {
        const field = `${rule.objectType}:${graphField.toLowerCase()}`;
        addOnce(this.byField, field, id);
        addOnce(this.byTopField, topField(field), id);
      }
    }
    this.timeDependentGroupIds = timeDependent;
  }

  /** How many groups are indexed. */
  get size(): number {
    return this.rules.size;
  }

  /**
   * The groups whose rules read any of these Graph fields of a user (or device). A field may be top-level
   * (`onPremisesExtensionAttributes`) or nested (`onPremisesExtensionAttributes.extensionAttribute3`); case is ignored.
   */
  groupsReading(changedFields: Iterable<string>, objectType: RuleObjectType = 'user'): readonly string[] {
    let single: readonly string[] | undefined;
    let union: Set<string> | undefined;
    for (const changed of changedFields) {
      const field = `${objectType}:${changed.toLowerCase()}`;
      const top = topField(field);
      // A nested change concerns the rules reading that very field, and those reading its whole top-level field.
      const hits = top === field ? [this.byTopField.get(field)] : [this.byField.get(field), this.byField.get(top)];
      for (const ids of hits) {
        if (!ids) continue;
        if (!single) {
          single = ids;
          continue;
        }
        union ??= new Set(single);
        for (const id of ids) union.add(id);
      }
    }
    return union ? [...union] : single ?? [];
  }

  /** Re-evaluates, for one changed subject, exactly the groups whose rules read a changed field. */
  evaluateChange(subject: RuleSubject, changedFields: Iterable<string>, options: { now?: Date; objectType?: RuleObjectType } = {}): GroupEvaluation[] {
    const objectType = options.objectType ?? 'user';
    const view = this.views[objectType];
    view.replaceSubject(0, subject);
    this.clock.now = (options.now ?? new Date()).getTime();
    return this.groupsReading(changedFields, objectType).map((groupId) => ({ groupId, result: truthResult(this.evaluator(groupId, view)(0)) }));
  }

  // Bound on first use and kept: the view's columns are refreshed in place by replaceSubject.
  private evaluator(groupId: string, view: SubjectSnapshot): Evaluate {
    let evaluate = this.bound.get(groupId);
    if (!evaluate) {
      evaluate = compileMembershipRule(this.rules.get(groupId)!).evaluator(view, this.clock);
      this.bound.set(groupId, evaluate);
    }
    return evaluate;
  }
}

function addOnce(map: Map<string, string[]>, key: string, id: string): void {
  const ids = map.get(key);
  if (!ids) map.set(key, [id]);
  else if (ids[ids.length - 1] !== id) ids.push(id);
}

function topField(field: string): string {
  const end = field.search(/[.[]/);
  return end < 0 ? field : field.slice(0, end);
}
