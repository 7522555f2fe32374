import { allItems, anyItem, type BindContext, type Clock, compileComparison, type Evaluate } from './compile-comparison.js';
import type { MembershipRule, RuleNode } from './membership-rule.js';
import { rowsPerYield } from './sliced-work.js';
import { mergeRows } from './value-index.js';
import type { SubjectSnapshot } from './subject-snapshot.js';
import { FALSE, TRUE, type Truth, UNKNOWN } from './truth.js';

/** A rule node compiled to a closure factory; `bind` fetches the snapshot columns once and returns the predicate. */
export interface CompiledNode {
  readonly node: RuleNode;
  readonly children: readonly CompiledNode[];
  readonly bind: (context: BindContext) => Evaluate;
}

/** A rule ready to evaluate any number of subjects without walking its tree again. */
export interface CompiledMembershipRule {
  readonly rule: MembershipRule;
  readonly root: CompiledNode;
  /** The predicate over a snapshot: subject index → truth. No allocation per call. */
  evaluator(snapshot: SubjectSnapshot, clock: Clock): Evaluate;
  /**
   * How many subjects sliced work evaluates between two yields. A -match costs up to ~8 ms on one long value
   * (match-pattern.ts), so a rule running one pauses after every subject; any other clause is a few
   * comparisons on a column (well under a microsecond), so pausing after each would cost more than the
   * evaluation: 100,000 yields took 20 ms where the evaluation took 2 ms.
   */
  readonly subjectsPerYield: number;
  /**
   * The rows the rule can be true or undetermined for, ascending, when one of its top-level -and clauses is an
   * -eq or -in on a text field: every other row holds another value there, so the rule is false for it.
   * Undefined when no clause narrows it down: then every row needs evaluating.
   */
  candidates(snapshot: SubjectSnapshot): Int32Array | undefined;
}

const compiledRules = new WeakMap<MembershipRule, CompiledMembershipRule>();

/** Compiles a parsed rule into a predicate (memoised per rule object). */
export function compileMembershipRule(rule: MembershipRule): CompiledMembershipRule {
  let compiled = compiledRules.get(rule);
  if (!compiled) {
    const root = compileNode(rule.root);
    const subjectsPerYield = runsPattern(rule.root) ? 1 : rowsPerYield;
    compiled = { rule, root, evaluator: (snapshot, clock) => root.bind({ snapshot, clock, items: null }), subjectsPerYield, candidates: candidateRows(rule.root) };
    compiledRules.set(rule, compiled);
  }
  return compiled;
}

function compileNode(node: RuleNode): CompiledNode {
  switch (node.kind) {
    case 'and':
    case 'or': {
      const children = node.operands.map(compileNode);
      const join = node.kind === 'and' ? and : or;
      return { node, children, bind: (context) => join(children.map((child) => child.bind(context))) };
    }
    case 'not': {
      const child = compileNode(node.operand);
      return { node, children: [child], bind: (context) => not(child.bind(context)) };
    }
    case 'quantifier': {
      const body = compileNode(node.body);
      const quantify = node.quantifier === 'any' ? anyItem : allItems;
      const { graphPath } = node.property;
      return {
        node,
        children: [body],
        bind: (context) => {
          const items = context.snapshot.collection(graphPath);
          return quantify(items.offsets, body.bind({ ...context, items }));
        },
      };
    }
    case 'directReports': {
      const managerId = node.managerId.toLowerCase();
      // Users without a manager never match (spec §7.1): false, not undetermined.
      return { node, children: [], bind: ({ snapshot }) => { const managers = snapshot.text(['manager', 'id'], true); return (i) => (managers[i] === managerId ? TRUE : FALSE); } };
    }
    case 'comparison':
      return { node, children: [], bind: compileComparison(node) };
  }
}

type Comparison = Extract<RuleNode, { kind: 'comparison' }>;

// A clause true only for rows holding given values, and undetermined only for rows with none.
const narrows = (node: RuleNode): node is Comparison =>
  node.kind === 'comparison' && node.target.kind === 'property' && node.target.property.type === 'string' && !node.target.property.availability
  && ((node.operator === 'eq' && node.value.kind === 'string') || (node.operator === 'in' && node.value.kind === 'list'));

// Of the narrowing clauses, the one with the fewest rows decides which rows are looked at.
function candidateRows(root: RuleNode): (snapshot: SubjectSnapshot) => Int32Array | undefined {
  const clauses = (root.kind === 'and' ? root.operands : [root]).filter(narrows);
  return (snapshot) => {
    let fewest: { readonly lists: readonly (readonly number[])[]; readonly size: number } | undefined;
    for (const { target, value } of clauses) {
      const index = snapshot.values((target as Extract<Comparison['target'], { kind: 'property' }>).property.graphPath);
      const values = value.kind === 'list' ? value.items : value.kind === 'string' ? [value.value] : [];
      const lists = [null, ...new Set(values.map((v) => v.toLowerCase()))].map((v) => index.rowsWith(v));
      const size = lists.reduce((sum, list) => sum + list.length, 0);
      if (!fewest || size < fewest.size) fewest = { lists, size };
    }
    // Copied out by the merge: the lists change as subjects are replaced.
    return fewest && mergeRows(fewest.lists);
  };
}

function runsPattern(node: RuleNode): boolean {
  switch (node.kind) {
    case 'and':
    case 'or': return node.operands.some(runsPattern);
    case 'not': return runsPattern(node.operand);
    case 'quantifier': return runsPattern(node.body);
    case 'directReports': return false;
    case 'comparison': return node.operator === 'match' || node.operator === 'notMatch';
  }
}

// Kleene conjunction and disjunction: FALSE decides an -and, TRUE decides an -or; otherwise unknown wins.
const and = junction(FALSE);
const or = junction(TRUE);

// Two operands (the common case) get their own closure; longer chains loop rather than nest, saving calls.
function junction(decisive: Truth): (operands: readonly Evaluate[]) => Evaluate {
  const otherwise: Truth = decisive === FALSE ? TRUE : FALSE;
  return (operands) => {
    const [a, b] = operands as [Evaluate, Evaluate];
    if (operands.length === 2) {
      return (i) => {
        const x = a(i);
        if (x === decisive) return decisive;
        const y = b(i);
        return y === decisive ? decisive : x === UNKNOWN ? UNKNOWN : y;
      };
    }
    return (i) => {
      let result: Truth = otherwise;
      for (let k = 0; k < operands.length; k++) {
        const x = operands[k]!(i);
        if (x === decisive) return decisive;
        if (x === UNKNOWN) result = UNKNOWN;
      }
      return result;
    };
  };
}

function not(a: Evaluate): Evaluate {
  return (i) => {
    const x = a(i);
    return x === UNKNOWN ? UNKNOWN : x === TRUE ? FALSE : TRUE;
  };
}
