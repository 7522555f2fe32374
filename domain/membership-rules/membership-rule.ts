// The parsed form of an Entra ID dynamic-membership rule (spec: shared/spec/dynamic-rules.md).
// Plain readonly data: it can be compared, printed back, stored or sent between layers.

/** Which directory objects a rule selects: a rule never mixes the two (spec §8.3). */
export type RuleObjectType = 'user' | 'device';

/** A Microsoft Graph user or device resource exactly as Graph returns it (JSON). */
export type RuleSubject = Readonly<Record<string, unknown>>;

/** A stretch of the rule text, in 0-based UTF-16 code units. */
export interface RuleSpan {
  readonly offset: number;
  readonly length: number;
}

/** How a property is typed in rules; decides which operators and values it takes (spec §4). */
export type RulePropertyType = 'string' | 'boolean' | 'dateTime' | 'stringCollection' | 'planCollection' | 'memberOf';

/** One property a rule can name, with the Graph JSON field it is read from. */
export interface RuleProperty {
  readonly object: RuleObjectType;
  /** Canonical spelling (Microsoft's), shown in explanations and printed rules. */
  readonly name: string;
  readonly type: RulePropertyType;
  /** Path into the Graph JSON; a number indexes an array (telephoneNumber reads businessPhones[0]). */
  readonly graphPath: readonly (string | number)[];
  /** `unreadable`: Graph v1.0 has no such field (undetermined); `retired`: no object ever matches it. */
  readonly availability?: 'unreadable' | 'retired';
}

/** What an item of a collection is called inside an -any/-all body (spec §6). */
export type ItemField = '_' | 'capabilityStatus' | 'service' | 'servicePlanId' | 'objectId';

/** The left-hand side of a comparison: a property of the subject, or a field of the current item. */
export type RuleTarget =
  | { readonly kind: 'property'; readonly property: RuleProperty }
  | { readonly kind: 'item'; readonly field: ItemField };

/** A comparison operator (spec §4), in Microsoft's canonical spelling without the hyphen. */
export type ComparisonOperator =
  | 'eq' | 'ne' | 'startsWith' | 'notStartsWith' | 'endsWith' | 'notEndsWith'
  | 'contains' | 'notContains' | 'match' | 'notMatch' | 'in' | 'notIn' | 'le' | 'ge';

/** An ISO-8601 duration such as P1D, kept with the text it was written as. */
export interface IsoDuration {
  readonly text: string;
  readonly sign: 1 | -1;
  readonly years: number;
  readonly months: number;
  readonly weeks: number;
  readonly days: number;
  readonly hours: number;
  readonly minutes: number;
  readonly seconds: number;
}

/** A value on the right of a comparison (spec §10). */
export type RuleValue =
  | { readonly kind: 'string'; readonly value: string }
  | { readonly kind: 'list'; readonly items: readonly string[] }
  | { readonly kind: 'null' }
  | { readonly kind: 'boolean'; readonly value: boolean }
  | { readonly kind: 'dateTime'; readonly text: string; readonly epochMs: number }
  | { readonly kind: 'now'; readonly plus: IsoDuration | null };

/** A node of the rule tree; every node knows the text it was parsed from. */
export type RuleNode =
  | { readonly kind: 'and' | 'or'; readonly operands: readonly RuleNode[]; readonly span: RuleSpan }
  | { readonly kind: 'not'; readonly operand: RuleNode; readonly span: RuleSpan }
  | {
      readonly kind: 'comparison';
      readonly target: RuleTarget;
      readonly operator: ComparisonOperator;
      readonly value: RuleValue;
      readonly span: RuleSpan;
    }
  | {
      readonly kind: 'quantifier';
      readonly quantifier: 'any' | 'all';
      readonly property: RuleProperty;
      readonly body: RuleNode;
      readonly span: RuleSpan;
    }
  | { readonly kind: 'directReports'; readonly managerId: string; readonly span: RuleSpan };

/** A rule that parsed without errors. */
export interface MembershipRule {
  readonly text: string;
  readonly objectType: RuleObjectType;
  readonly root: RuleNode;
  /** Advice that does not stop the rule from working (slow operators, retirement, spelling...). */
  readonly warnings: readonly RuleWarning[];
}

/** Why a rule cannot be used; each code has one message shape. */
export type RuleErrorCode =
  | 'tooLong' | 'emptyRule' | 'nestingTooDeep' | 'unterminatedString' | 'typographicCharacter'
  | 'unexpectedToken' | 'unknownOperator' | 'unknownProperty' | 'missingObjectPrefix' | 'missingProperty'
  | 'missingLogicalOperator' | 'missingOperator' | 'missingValue' | 'missingCondition'
  | 'unclosedParenthesis' | 'unexpectedParenthesis' | 'unclosedList' | 'emptyList'
  | 'operatorNotAllowed' | 'valueNotAllowed' | 'listRequired' | 'listNotAllowed'
  | 'unquotedString' | 'singleQuotedString' | 'invalidRegex' | 'patternTooComplex' | 'repetitionTooLarge' | 'notAsComparison'
  | 'invalidDate' | 'invalidDuration' | 'directReportsForm' | 'directReportsCombined'
  | 'memberOfForm' | 'memberOfCombined' | 'tooManySourceGroups' | 'mixedObjectTypes'
  | 'quantifierNotAllowed' | 'quantifierRequired' | 'itemReferenceOutsideQuantifier' | 'wrongItemReference';

/** Advice about a rule that still works. */
export type RuleWarningCode =
  | 'slowOperator' | 'memberOfRetirement' | 'unparenthesizedQuantifier' | 'dotnetRegex' | 'regexNotEvaluable'
  | 'propertySpelling' | 'implicitAny' | 'quotedNull' | 'legacyNull' | 'loneSingleQuote' | 'timeDependent'
  | 'unreadableProperty' | 'retiredProperty' | 'preferIn' | 'preferNotIn' | 'redundantCondition'
  | 'negativeDuration';

/** A problem found in the rule text, pointing at the characters it is about. */
export interface RuleProblem<Code extends string> {
  readonly code: Code;
  readonly message: string;
  readonly offset: number;
  readonly length: number;
}

/** An error: the rule cannot be used. */
export type RuleError = RuleProblem<RuleErrorCode>;

/** A warning: the rule works, but the admin should know this. */
export type RuleWarning = RuleProblem<RuleWarningCode>;

/** What parsing returns: a rule exactly when there is no error. */
export type ParseMembershipRuleResult =
  | { readonly rule: MembershipRule; readonly errors: readonly []; readonly warnings: readonly RuleWarning[] }
  | { readonly rule: null; readonly errors: readonly RuleError[]; readonly warnings: readonly RuleWarning[] };
