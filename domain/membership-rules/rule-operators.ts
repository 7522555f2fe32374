import { closestSpelling } from './closest-spelling.js';
import type { ComparisonOperator } from './membership-rule.js';

/** What an operator word means; the hyphen is optional and case is free (spec §2). */
export type OperatorWord =
  | { readonly kind: 'comparison'; readonly operator: ComparisonOperator }
  | { readonly kind: 'logical'; readonly operator: 'and' | 'or' | 'not' }
  | { readonly kind: 'quantifier'; readonly quantifier: 'any' | 'all' }
  | { readonly kind: 'plus' };

const comparisonOperators: readonly ComparisonOperator[] = [
  'eq', 'ne', 'startsWith', 'notStartsWith', 'endsWith', 'notEndsWith',
  'contains', 'notContains', 'match', 'notMatch', 'in', 'notIn', 'le', 'ge',
];

const words = new Map<string, OperatorWord>([
  ...comparisonOperators.map((operator): [string, OperatorWord] => [operator.toLowerCase(), { kind: 'comparison', operator }]),
  ['and', { kind: 'logical', operator: 'and' }],
  ['or', { kind: 'logical', operator: 'or' }],
  ['not', { kind: 'logical', operator: 'not' }],
  ['any', { kind: 'quantifier', quantifier: 'any' }],
  ['all', { kind: 'quantifier', quantifier: 'all' }],
  ['plus', { kind: 'plus' }],
]);

// What people type from other languages (SQL, PowerShell, C), mapped to the rule operator they meant.
const habits = new Map<string, string>([
  ['equals', 'eq'], ['equal', 'eq'], ['is', 'eq'], ['=', 'eq'], ['==', 'eq'], ['ieq', 'eq'], ['ceq', 'eq'],
  ['notequals', 'ne'], ['neq', 'ne'], ['!=', 'ne'], ['<>', 'ne'], ['isnot', 'ne'],
  ['like', 'match'], ['notlike', 'notMatch'], ['has', 'contains'], ['includes', 'contains'],
  ['lt', 'le'], ['lte', 'le'], ['<=', 'le'], ['<', 'le'], ['gt', 'ge'], ['gte', 'ge'], ['>=', 'ge'], ['>', 'ge'],
  ['&&', 'and'], ['&', 'and'], ['||', 'or'], ['|', 'or'], ['!', 'not'],
]);

/** Reads an operator word such as `-eq`, `EQ` or `-startswith`; undefined when it is none. */
export function readOperatorWord(word: string): OperatorWord | undefined {
  return words.get(bare(word));
}

/** The canonical spelling of an operator, e.g. `-startsWith`. */
export function operatorText(operator: ComparisonOperator | 'and' | 'or' | 'not' | 'any' | 'all'): string {
  return `-${operator}`;
}

/** The operator someone probably meant by an unknown word, among the kinds allowed where it stands. */
export function suggestOperator(word: string, kinds: readonly OperatorWord['kind'][]): string | undefined {
  const allowed = [...words].filter(([, meaning]) => kinds.includes(meaning.kind) && meaning.kind !== 'plus').map(([key]) => key);
  const key = habits.get(bare(word))?.toLowerCase() ?? closestSpelling(bare(word), allowed);
  const meaning = key === undefined ? undefined : words.get(key);
  if (!meaning || !kinds.includes(meaning.kind)) return undefined;
  return `-${meaning.kind === 'comparison' ? meaning.operator : key}`;
}

function bare(word: string): string {
  return (word.startsWith('-') ? word.slice(1) : word).toLowerCase();
}
