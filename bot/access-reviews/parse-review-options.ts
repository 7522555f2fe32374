import type { ReviewOptions } from '../../domain/access-reviews/start-access-review.js';

/** Who reviews, as typed: `by owners`, `by managers`, `by members` or `by <people>` (names still to look up). */
export type ReviewersTyped =
  | { readonly kind: 'owners' | 'managers' | 'members' }
  | { readonly kind: 'people'; readonly names: readonly string[] };

/** What `review …` asks for: a status, one group's review, or (admins) every licensing group's. */
export type ReviewCommand =
  | { readonly kind: 'status'; readonly group: string }
  | { readonly kind: 'start'; readonly group: string; readonly options: ReviewOptions; readonly by?: ReviewersTyped }
  | { readonly kind: 'allLicensing'; readonly options: ReviewOptions; readonly by?: ReviewersTyped };

/** How long a review runs unless `for <n>d` says otherwise. */
export const defaultReviewDays = 14;

// Options come after the group's name, in any order: `every 90d`, `for 7d`, `unanswered remove`, `remove at once`,
// `by managers`. `by <people>` takes every word to its end, so it is tried only once no other option ends the text.
const optionPatterns: ReadonlyArray<readonly [RegExp, (m: RegExpExecArray, o: Mutable) => void]> = [
  [/\s+every\s+(\d{1,4})\s*d(?:ays?)?$/i, (m, o) => void (o.everyDays = Number(m[1]))],
  [/\s+for\s+(\d{1,3})\s*d(?:ays?)?$/i, (m, o) => void (o.days = Number(m[1]))],
  [/\s+unanswered\s+(keep|remove|tell admins)$/i, (m, o) => void (o.unanswered = m[1]!.toLowerCase() === 'tell admins' ? 'tellAdmins' : (m[1]!.toLowerCase() as 'keep' | 'remove'))],
  [/\s+remove\s+at\s+once$/i, (_m, o) => void (o.removals = 'atOnce')],
  [/\s+by\s+(?:the\s+)?(owners?|managers?|members?(?:\s+themselves)?)$/i, (m, o) => void (o.by = { kind: m[1]!.toLowerCase().startsWith('owner') ? 'owners' : m[1]!.toLowerCase().startsWith('manager') ? 'managers' : 'members' })],
  [/\s+by\s+(\S.*)$/i, (m, o) => void (o.by = { kind: 'people', names: m[1]!.split(/\s*,\s*|\s+and\s+/i).map((n) => n.trim()).filter(Boolean) })],
];

type Mutable = { -readonly [K in keyof ReviewOptions]: ReviewOptions[K] } & { by?: ReviewersTyped };

/**
 * Reads `review status <group>`, `review <group> [every 90d] [for 14d] [unanswered keep|remove|tell admins]
 * [remove at once]` and `review all licensing groups every 365d`; undefined when the text is none of them.
 */
export function parseReviewCommand(text: string): ReviewCommand | undefined {
  const status = /^review\s+status\s+(?:of\s+|for\s+)?(\S.*)$/is.exec(text);
  if (status) return { kind: 'status', group: status[1]!.trim() };
  const start = /^(?:review|recertify)\s+(\S.*)$/is.exec(text);
  if (!start) return undefined;
  let rest = start[1]!.trim();
  const options: Mutable = { days: defaultReviewDays, unanswered: 'keep', removals: 'atEnd' };
  for (let found = true; found; ) {
    // The first option that ends the text is taken off, then the patterns are tried again from the top.
    found = false;
    for (const [pattern, apply] of optionPatterns) {
      const match = pattern.exec(` ${rest}`);
      if (match) {
        apply(match, options);
        rest = ` ${rest}`.slice(0, match.index).trim();
        found = true;
        break;
      }
    }
  }
  if (options.days < 1 || (options.everyDays !== undefined && options.everyDays < options.days)) return undefined;
  const { by, ...chosen } = options;
  if (by?.kind === 'people' && by.names.length === 0) return undefined;
  if (/^all\s+licen[sc]ing\s+groups$/i.test(rest)) return { kind: 'allLicensing', options: chosen, ...(by ? { by } : {}) };
  return rest ? { kind: 'start', group: rest, options: chosen, ...(by ? { by } : {}) } : undefined;
}
