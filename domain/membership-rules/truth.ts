// Three-valued logic (spec §11): a comparison on a missing value is neither true nor false.
// Small integers, not booleans or strings, so the compiled predicate allocates nothing per subject.

/** The clause does not hold. */
export const FALSE = 0;
/** The clause holds. */
export const TRUE = 1;
/** The clause depends on a value the subject does not have (or that cannot be read). */
export const UNKNOWN = 2;

/** The truth of a clause for one subject, as the compiled predicate returns it. */
export type Truth = typeof FALSE | typeof TRUE | typeof UNKNOWN;

/** A clause's truth as shown to people and in explanations. */
export type RuleResult = true | false | 'undetermined';

/** Turns a compiled truth into the public result. */
export function truthResult(truth: Truth): RuleResult {
  return truth === UNKNOWN ? 'undetermined' : truth === TRUE;
}

/** Kleene negation: not-unknown stays unknown. */
export function negate(truth: Truth): Truth {
  return truth === UNKNOWN ? UNKNOWN : truth === TRUE ? FALSE : TRUE;
}
