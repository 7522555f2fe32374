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
  // Groups are kept by position: lookups return arrays of positions, evaluation indexes arrays, nothing is hashed per group.
  private readonly ids: string[] = [];
  private readonly evaluators: Evaluate[] = [];
  private readonly byField = new Map<string, number[]>();
  private readonly byTopField = new Map<string, number[]>();
  private readonly clock: Clock = { now: 0 };
  private readonly views: Record<RuleObjectType, SubjectSnapshot> = { user: new SubjectSnapshot([{}]), device: new SubjectSnapshot([{}]) };

  constructor(groups: readonly DynamicGroupRule[]) {
    const timeDependent: string[] = [];
    for (const { id, rule } of groups) {
      const position = this.ids.push(id) - 1;
      // Bound once, here, to a one-subject view whose columns replaceSubject refreshes in place: a change compiles nothing.
      this.evaluators.push(compileMembershipRule(rule).evaluator(this.views[rule.objectType], this.clock));
      const reads = ruleReads(rule);
      if (reads.usesNow) timeDependent.push(id);
      for (const { graphField } of reads.fields) {
        const field = `${rule.objectType}:${graphField.toLowerCase()}`;
        addOnce(this.byField, field, position);
        addOnce(this.byTopField, topField(field), position);
      }
    }
    this.timeDependentGroupIds = timeDependent;
  }

  /** How many groups are indexed. */
  get size(): number {
    return this.ids.length;
  }

  /**
   * The groups whose rules read any of these Graph fields of a user (or device). A field may be top-level
   * (`onPremisesExtensionAttributes`) or nested (`onPremisesExtensionAttributes.extensionAttribute3`); case is ignored.
   */
  groupsReading(changedFields: Iterable<string>, objectType: RuleObjectType = 'user'): string[] {
    return this.affected(changedFields, objectType).map((position) => this.ids[position]!);
  }

  /** Re-evaluates, for one changed subject, exactly the groups whose rules read a changed field. */
  evaluateChange(subject: RuleSubject, changedFields: Iterable<string>, options: { now?: Date; objectType?: RuleObjectType } = {}): GroupEvaluation[] {
    const objectType = options.objectType ?? 'user';
    this.views[objectType].replaceSubject(0, subject);
    this.clock.now = (options.now ?? new Date()).getTime();
    return this.affected(changedFields, objectType).map((position) => ({ groupId: this.ids[position]!, result: truthResult(this.evaluators[position]!(0)) }));
  }

  private affected(changedFields: Iterable<string>, objectType: RuleObjectType): readonly number[] {
    let single: readonly number[] | undefined;
    let union: Set<number> | undefined;
    for (const changed of changedFields) {
      const field = `${objectType}:${changed.toLowerCase()}`;
      const top = topField(field);
      // A nested change concerns the rules reading that very field, and those reading its whole top-level field.
      const hits = top === field ? [this.byTopField.get(field)] : [this.byField.get(field), this.byField.get(top)];
      for (const positions of hits) {
        if (!positions) continue;
        if (!single) {
          single = positions;
          continue;
        }
        union ??= new Set(single);
        for (const position of positions) union.add(position);
      }
    }
    return union ? [...union] : single ?? [];
  }
}

function addOnce(map: Map<string, number[]>, key: string, position: number): void {
  const positions = map.get(key);
  if (!positions) map.set(key, [position]);
  else if (positions[positions.length - 1] !== position) positions.push(position);
}

function topField(field: string): string {
  const end = field.search(/[.[]/);
  return end < 0 ? field : field.slice(0, end);
}
