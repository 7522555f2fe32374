import type { RuleError, RuleErrorCode, RuleSpan, RuleWarning, RuleWarningCode } from './membership-rule.js';

// A pasted novel must not produce a novel of errors: after this many, the first ones say enough.
const mostProblems = 50;

/** Collects errors and warnings while a rule is read, so that reading never throws. */
export class ProblemLog {
  readonly errors: RuleError[] = [];
  readonly warnings: RuleWarning[] = [];

  error(code: RuleErrorCode, message: string, span: RuleSpan): void {
    if (this.errors.length < mostProblems) this.errors.push({ code, message, offset: span.offset, length: span.length });
  }

  warn(code: RuleWarningCode, message: string, span: RuleSpan): void {
    const repeated = this.warnings.some((w) => w.code === code && w.offset === span.offset && w.message === message);
    if (!repeated && this.warnings.length < mostProblems) this.warnings.push({ code, message, offset: span.offset, length: span.length });
  }
}

/** The span from the start of one span to the end of another. */
export function spanBetween(first: RuleSpan, last: RuleSpan): RuleSpan {
  return { offset: first.offset, length: last.offset + last.length - first.offset };
}
