import type { DirectoryUser } from '../model/directory-user.js';
import { err, ok, type Result } from '../result.js';

/**
 * A tenant's group naming policy, as Entra's: a prefix and suffix added to every name people
 * choose (fixed text, or placeholders like `[Department]` filled from the creator's profile), and
 * words no name may contain.
 */
export interface NamingPolicy {
  readonly prefix: string;
  readonly suffix: string;
  readonly blockedWords: readonly string[];
}

export const noNamingPolicy: NamingPolicy = { prefix: '', suffix: '', blockedWords: [] };

/** Graph's limit on a group's display name. */
export const maxGroupNameLength = 256;

/** Why a name cannot be used. */
export type NamingRefusal =
  | { readonly reason: 'emptyName' }
  | { readonly reason: 'blockedWord'; readonly word: string }
  | { readonly reason: 'nameTooLong'; readonly limit: number };

// Entra's placeholders and the Graph user fields they read; any other bracketed text is kept as text.
const placeholderFields: Readonly<Record<string, string>> = {
  department: 'department', company: 'companyName', office: 'officeLocation',
  stateorprovince: 'state', countryorregion: 'country', title: 'jobTitle',
};

/** Reads Entra's `PrefixSuffixNamingRequirement` ("GRP_[GroupName]_[Department]") as a prefix and a suffix. */
export function affixesFromTemplate(template: string): Pick<NamingPolicy, 'prefix' | 'suffix'> {
  const at = template.search(/\[GroupName\]/i);
  if (at < 0) return { prefix: template, suffix: '' };
  return { prefix: template.slice(0, at), suffix: template.slice(at + '[GroupName]'.length) };
}

/** A prefix or suffix with its placeholders filled from the creator's profile (missing values leave nothing). */
export function expandAffix(affix: string, creator: DirectoryUser): string {
  return affix.replace(/\[([^\]]*)\]/g, (_all, inside: string) => {
    const field = placeholderFields[inside.toLowerCase()];
    if (!field) return inside;
    const value = creator[field];
    return typeof value === 'string' ? value : '';
  });
}

/** The blocked word a name contains as a whole word or phrase (any case), if any. */
export function findBlockedWord(name: string, blockedWords: readonly string[]): string | undefined {
  const folded = ` ${name.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ')} `;
  return blockedWords.find((word) => {
    const wanted = word.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
    return wanted.length > 0 && folded.includes(` ${wanted} `);
  });
}

/**
 * The name a group gets under the policy: the creator's words, checked against the blocked words,
 * between the prefix and suffix (not doubled when the creator already typed them).
 */
export function applyNamingPolicy(typed: string, policy: NamingPolicy, creator: DirectoryUser): Result<string, NamingRefusal> {
  const prefix = expandAffix(policy.prefix, creator);
  const suffix = expandAffix(policy.suffix, creator);
  let core = typed.replace(/\s+/g, ' ').trim();
  if (prefix && core.toLowerCase().startsWith(prefix.toLowerCase())) core = core.slice(prefix.length).trim();
  if (suffix && core.toLowerCase().endsWith(suffix.toLowerCase())) core = core.slice(0, core.length - suffix.length).trim();
  if (!core) return err({ reason: 'emptyName' });
  const word = findBlockedWord(core, policy.blockedWords);
  if (word) return err({ reason: 'blockedWord', word });
  const name = `${prefix}${core}${suffix}`;
  return name.length > maxGroupNameLength ? err({ reason: 'nameTooLong', limit: maxGroupNameLength }) : ok(name);
}
