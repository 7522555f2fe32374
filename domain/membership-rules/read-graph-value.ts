import type { ItemField, RuleSubject } from './membership-rule.js';

/** A reader for one Graph JSON path, specialised for the common one-step path so a snapshot column builds fast. */
export function pathReader(path: readonly (string | number)[]): (subject: RuleSubject) => unknown {
  const [first, second] = path;
  if (path.length === 1) return (subject) => subject[first as string];
  if (path.length === 2) {
    return (subject) => {
      const outer = subject[first as string];
      return outer !== null && typeof outer === 'object' ? (outer as Record<string | number, unknown>)[second!] : undefined;
    };
  }
  return (subject) => path.reduce<unknown>((value, step) => (value !== null && typeof value === 'object' ? (value as Record<string | number, unknown>)[step] : undefined), subject);
}

/** A scalar Graph value as text, or null when it has none (missing, null, or not a scalar). */
export function asText(value: unknown): string | null {
  if (typeof value === 'string') return value;
  return typeof value === 'number' || typeof value === 'boolean' ? String(value) : null;
}

/** A Graph boolean as 1 (true), 0 (false) or -1 (no value); "true"/"false" text counts too. */
export function asBooleanCode(value: unknown): 1 | 0 | -1 {
  if (value === true || (typeof value === 'string' && /^true$/i.test(value))) return 1;
  return value === false || (typeof value === 'string' && /^false$/i.test(value)) ? 0 : -1;
}

/** A Graph date-time as epoch milliseconds, NaN when missing or not a date. */
export function asEpochMs(value: unknown): number {
  return typeof value === 'string' ? Date.parse(value) : NaN;
}

/** The items of a Graph collection; a missing collection is empty (Graph returns [] for an empty one). */
export function asItems(value: unknown): readonly unknown[] {
  return Array.isArray(value) ? value : [];
}

/** What an -any/-all body reads from one item: the item itself (`_`), a plan field, or a group's id. */
export function itemValue(item: unknown, field: ItemField): unknown {
  if (field === '_') return item;
  if (field === 'objectId' && typeof item === 'string') return item;
  const key = field === 'objectId' ? 'id' : field;
  return item !== null && typeof item === 'object' ? (item as Record<string, unknown>)[key] : undefined;
}

/** A Graph path written the way Graph documentation writes fields: `onPremisesExtensionAttributes.extensionAttribute1`, `businessPhones[0]`. */
export function graphFieldName(path: readonly (string | number)[]): string {
  return path.map((step, i) => (typeof step === 'number' ? `[${step}]` : i === 0 ? step : `.${step}`)).join('');
}
