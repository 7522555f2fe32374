import type { RuleNode } from './membership-rule.js';
import { spanBetween } from './problem-log.js';
import type { TokenCursor } from './token-cursor.js';

/** True when the cursor stands at `Direct Reports`. */
export function isDirectReports(cursor: TokenCursor): boolean {
  return /^direct$/i.test(cursor.peek()?.text ?? '') && cursor.peek()?.kind === 'word' && /^reports$/i.test(cursor.peek(1)?.text ?? '');
}

/** Reads Direct Reports for "<manager id>" (spec §7.1); the words are free in case and spacing (spec §16.19, ours). */
export function parseDirectReports(cursor: TokenCursor): RuleNode | undefined {
  const direct = cursor.next()!;
  cursor.next();
  const forWord = cursor.peek();
  if (forWord?.kind === 'word' && /^for$/i.test(forWord.text)) cursor.next();
  const id = cursor.peek();
  if (id?.kind === 'string') cursor.next();
  if (forWord?.kind !== 'word' || !/^for$/i.test(forWord.text) || id?.kind !== 'string' || id.quote !== 'double' || id.text.trim() === '') {
    cursor.log.error('directReportsForm', 'write Direct Reports for "<object id of the manager>"', spanBetween(direct, cursor.tokens[cursor.position - 1]!));
    return undefined;
  }
  cursor.objectType ??= 'user';
  return { kind: 'directReports', managerId: id.text, span: spanBetween(direct, id) };
}
