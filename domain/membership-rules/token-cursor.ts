import type { RuleNode, RuleObjectType, RuleProperty, RuleSpan } from './membership-rule.js';
import { ProblemLog } from './problem-log.js';
import { readOperatorWord } from './rule-operators.js';
import type { Token } from './tokenize-membership-rule.js';

/** What a word means where a condition or a logical operator may stand. */
export type WordRole = 'and' | 'or' | 'not' | 'comparison' | 'quantifier' | 'plus' | 'condition' | 'unknownOperator';

/** Inside an -any/-all body: the collection whose items `_`, `assignedPlan.x` or `group.objectId` refer to. */
export interface ItemScope {
  readonly collection: RuleProperty;
}

/** A piece of rule read so far; `bareQuantifier` is set when it ends in an -any/-all clause with no parentheses of its own. */
export interface Parsed {
  readonly node: RuleNode;
  readonly span: RuleSpan;
  readonly bareQuantifier?: RuleNode;
}

/** The reading position in a rule's tokens, shared by the parser's files. */
export class TokenCursor {
  position = 0;
  depth = 0;
  objectType: RuleObjectType | null = null;
  /** Set when reading gave up (nesting too deep): what is missing after that is not the admin's fault. */
  abandoned = false;
  /** Compiled -match instructions so far, over the whole rule: one user's evaluation runs them all. */
  patternSize = 0;

  constructor(
    readonly text: string,
    readonly tokens: readonly Token[],
    readonly log: ProblemLog,
  ) {}

  peek(ahead = 0): Token | undefined {
    return this.tokens[this.position + ahead];
  }

  next(): Token | undefined {
    const token = this.tokens[this.position];
    if (token) this.position++;
    return token;
  }

  /** An empty span at the end of the text, for "something is missing here". */
  endSpan(): RuleSpan {
    return { offset: this.text.length, length: 0 };
  }

  /** The source text of a span, as the admin wrote it. */
  source(span: RuleSpan): string {
    return this.text.slice(span.offset, span.offset + span.length);
  }
}

/** What role a token plays when it stands where a condition or a logical operator may. */
export function wordRole(token: Token | undefined): WordRole | undefined {
  if (!token || token.kind !== 'word') return undefined;
  const meaning = readOperatorWord(token.text);
  if (meaning) return meaning.kind === 'logical' ? meaning.operator : meaning.kind;
  // A hyphen or a symbol-only word is an operator attempt; anything else may be a property name.
  return token.text.startsWith('-') || !/[a-z0-9_]/i.test(token.text) ? 'unknownOperator' : 'condition';
}

/** True when a token can begin a condition: a property, an item reference, `(` or -not. */
export function startsCondition(token: Token | undefined): boolean {
  if (token?.kind === 'open') return true;
  const role = wordRole(token);
  return role === 'condition' || role === 'not';
}
