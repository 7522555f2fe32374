import type { RuleError } from '../../domain/membership-rules/index.js';
import { message, type Line, type MessageView } from '../../cards/card-view.js';

// Chat cards wrap long lines, which would move the caret: show at most this much of the line around the error.
const window = 72;
const maxOtherErrors = 3;

/**
 * The line of the rule holding the error, with carets under the offending characters:
 * ```
 * user.department -equals "Sales"
 *                 ^^^^^^^
 * ```
 * Tabs show as spaces so the caret lines up; a long line is cut around the error with "…".
 */
export function pointAtRuleError(text: string, error: Pick<RuleError, 'offset' | 'length'>): string {
  const offset = Math.min(Math.max(error.offset, 0), text.length);
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  const lineEnd = text.indexOf('\n', offset) < 0 ? text.length : text.indexOf('\n', offset);
  const line = text.slice(lineStart, lineEnd).replace(/[\t\r]/g, ' ');
  let column = offset - lineStart;
  const span = Math.max(1, Math.min(error.length, line.length - column, window - 8));
  let shown = line;
  if (line.length > window) {
    const start = Math.max(0, Math.min(column - Math.floor((window - span) / 2), line.length - window));
    const cutStart = start > 0;
    const cutEnd = start + window < line.length;
    shown = `${cutStart ? '…' : ''}${line.slice(start, start + window)}${cutEnd ? '…' : ''}`;
    column = column - start + (cutStart ? 1 : 0);
  }
  return `${shown}\n${' '.repeat(column)}${'^'.repeat(span)}`;
}

/** Capitalises a message for a line of its own: "Unknown operator -equals — did you mean -eq?". */
const sentence = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/** A rule that doesn't parse: the first error pointed at, its message, and the next few errors in words. */
export function ruleErrorView(text: string, errors: readonly RuleError[], intro?: Line): MessageView {
  const [first, ...others] = errors;
  if (!first) return message([["That rule didn't parse."]], { tone: 'attention' });
  const shown = others.slice(0, maxOtherErrors);
  const more = others.length - shown.length;
  return message(
    [
      ...(intro ? [intro] : []),
      [sentence(first.message)],
      ...shown.map((e): Line => [`Also, at character ${e.offset + 1}: ${e.message}`]),
      ...(more > 0 ? [[`… and ${more} more problems.`]] : []),
    ],
    { title: "That rule doesn't parse", tone: 'attention', preformatted: pointAtRuleError(text, first) },
  );
}
