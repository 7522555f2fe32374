import { isDeepStrictEqual } from 'node:util';
import type { GroupId, UserId } from '../../../domain/model/ids.js';

/** A user the delta feed reported: which Graph fields changed (nested ones as `a.b`), for rule processing. */
export interface UserChange {
  readonly userId: UserId;
  readonly change: 'added' | 'updated' | 'removed';
  readonly fields: readonly string[];
}

/** A group the delta feed reported, with the fields that changed (e.g. `membershipRule`). */
export interface GroupChange {
  readonly groupId: GroupId;
  readonly change: 'added' | 'updated' | 'removed';
  readonly fields: readonly string[];
}

/** A member or owner added to or removed from a group, as the delta feed reported it. */
export interface MembershipDelta {
  readonly groupId: GroupId;
  readonly userId: UserId;
  readonly change: 'added' | 'removed';
  readonly list: 'members' | 'owners';
}

/**
 * What one sync round saw change in the tenant: changes made outside GroupGate (and its own
 * writes only when the round saw them before GroupGate's copy did). Rule processing reads `users`
 * (which attributes changed); licensing reads what its snapshot holds: memberships of licensing
 * groups, licensing fields of users and groups, and license states.
 */
export interface DirectoryChanges {
  readonly users: readonly UserChange[];
  readonly groups: readonly GroupChange[];
  readonly memberships: readonly MembershipDelta[];
  /** Users whose license assignment states changed (Graph's delta does not track them; the round re-reads some). */
  readonly licenseStates: readonly UserId[];
}

/** Something that wants to hear about each round's changes. */
export type DirectoryChangeListener = (changes: DirectoryChanges) => Promise<void> | void;

/** No changes. */
export const noChanges: DirectoryChanges = { users: [], groups: [], memberships: [], licenseStates: [] };

/** True when a round saw nothing change. */
export const isEmpty = (changes: DirectoryChanges) => changes.users.length + changes.groups.length + changes.memberships.length + changes.licenseStates.length === 0;

/**
 * The fields whose values differ between two versions of a Graph object. A change inside an
 * object-valued field is named by its path (`onPremisesExtensionAttributes.extensionAttribute3`),
 * so rule processing re-evaluates only the rules reading it.
 */
export function changedFields(before: Readonly<Record<string, unknown>> | undefined, after: Readonly<Record<string, unknown>>): string[] {
  const names = new Set([...Object.keys(before ?? {}), ...Object.keys(after)]);
  const changed: string[] = [];
  for (const name of names) {
    const [was, now] = [before?.[name], after[name]];
    if (isDeepStrictEqual(was ?? null, now ?? null)) continue;
    if (isPlainObject(was) && isPlainObject(now)) changed.push(...changedFields(was, now).map((inner) => `${name}.${inner}`));
    else changed.push(name);
  }
  return changed.sort();
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
