import { type CompiledNode, compileMembershipRule } from './compile-membership-rule.js';
import type { BindContext } from './compile-comparison.js';
import type { MembershipRule, RuleNode, RuleSubject } from './membership-rule.js';
import { asItems, graphFieldName, itemValue, pathReader } from './read-graph-value.js';
import { SubjectSnapshot } from './subject-snapshot.js';
import { targetName } from './target-name.js';
import { type RuleResult, truthResult } from './truth.js';

/** The property a leaf read: rule name, Graph JSON field, and the value found there (as Graph gave it). */
export interface PropertyRead {
  readonly propertyName: string;
  readonly graphField: string;
  readonly propertyValue: unknown;
}

/** One clause of an explanation, shaped like Graph's evaluateDynamicMembership details. */
export interface ExplanationNode {
  /** The clause as written in the rule. */
  readonly expression: string;
  readonly result: RuleResult;
  readonly children: readonly ExplanationNode[];
  readonly clause: RuleNode;
  /** On leaves, on -any/-all clauses (the whole collection) and on their per-item children (the item, whose one child is the body). */
  readonly property?: PropertyRead;
  /** Set when the meaning is ours, not Microsoft's: a string operator applied straight to a collection (spec §6.3). */
  readonly inferred?: true;
}

/** Why a subject is or is not a member, clause by clause. */
export interface RuleExplanation {
  readonly verdict: 'member' | 'notMember' | 'unknown';
  /** The time system.now stood for. */
  readonly evaluatedAt: string;
  readonly root: ExplanationNode;
}

interface Walk {
  readonly text: string;
  readonly subject: RuleSubject;
  readonly context: BindContext;
  /** Inside -any/-all: the raw items, where the subject's items start in the column, and the collection's field name. */
  readonly items?: { readonly raw: readonly unknown[]; readonly first: number; readonly field: string };
}

/** Explains a rule for one Graph user or device: every clause with its result and the values it read. */
export function explainRule(rule: MembershipRule, subject: RuleSubject, now: Date = new Date()): RuleExplanation {
  const context: BindContext = { snapshot: new SubjectSnapshot([subject]), clock: { now: now.getTime() }, items: null };
  const root = explainNode(compileMembershipRule(rule).root, 0, { text: rule.text, subject, context });
  const verdict = root.result === true ? 'member' : root.result === false ? 'notMember' : 'unknown';
  return { verdict, evaluatedAt: now.toISOString(), root };
}

function explainNode(compiled: CompiledNode, index: number, walk: Walk): ExplanationNode {
  const { node } = compiled;
  const base = {
    expression: walk.text.slice(node.span.offset, node.span.offset + node.span.length),
    result: truthResult(compiled.bind(walk.context)(index)),
    clause: node,
  };
  switch (node.kind) {
    case 'and':
    case 'or':
    case 'not':
      return { ...base, children: compiled.children.map((child) => explainNode(child, index, walk)) };
    case 'quantifier': {
      const field = graphFieldName(node.property.graphPath);
      const raw = asItems(pathReader(node.property.graphPath)(walk.subject));
      const items = walk.context.snapshot.collection(node.property.graphPath);
      const inner: Walk = { ...walk, context: { ...walk.context, items }, items: { raw, first: items.offsets[index]!, field } };
      // One child per item, holding the body as evaluated on that item.
      const children = raw.map((item, k): ExplanationNode => {
        const body = explainNode(compiled.children[0]!, inner.items!.first + k, inner);
        const property = { propertyName: `${node.property.name}[${k}]`, graphField: `${field}[${k}]`, propertyValue: item };
        return { expression: property.propertyName, result: body.result, clause: body.clause, children: [body], property };
      });
      return { ...base, children, property: { propertyName: node.property.name, graphField: field, propertyValue: raw } };
    }
    case 'directReports': {
      const manager = pathReader(['manager', 'id'])(walk.subject);
      return { ...base, children: [], property: { propertyName: 'manager', graphField: 'manager.id', propertyValue: manager ?? null } };
    }
    case 'comparison': {
      const { target } = node;
      if (target.kind === 'property') {
        const { property: p } = target;
        const property = { propertyName: p.name, graphField: graphFieldName(p.graphPath), propertyValue: pathReader(p.graphPath)(walk.subject) ?? null };
        return p.type === 'stringCollection' ? { ...base, children: [], property, inferred: true } : { ...base, children: [], property };
      }
      const items = walk.items!;
      const k = index - items.first;
      const subfield = target.field === '_' ? '' : `.${target.field === 'objectId' ? 'id' : target.field}`;
      const property = { propertyName: targetName(target), graphField: `${items.field}[${k}]${subfield}`, propertyValue: itemValue(items.raw[k], target.field) ?? null };
      return { ...base, children: [], property };
    }
  }
}
