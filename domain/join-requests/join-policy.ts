import { groupKind, type DirectoryGroup } from '../model/directory-group.js';

/** How a group takes join requests: at once, after an owner approves, or not at all. */
export type JoinPolicy = 'open' | 'approval' | 'closed';

export const joinPolicies: readonly JoinPolicy[] = ['open', 'approval', 'closed'];

/** A group's self-service settings, stored by GroupGate (Graph has no API for them). */
export interface GroupSettings {
  readonly joinPolicy: JoinPolicy;
  readonly reasonRequired: boolean;
}

/**
 * The policy a group has until someone sets one: public Microsoft 365 groups are open,
 * private ones and security groups need an owner's approval (as Entra's My Groups does).
 */
export function defaultJoinPolicy(group: DirectoryGroup): JoinPolicy {
  if (groupKind(group) === 'microsoft365' && (group.visibility ?? '').toLowerCase() === 'public') return 'open';
  return 'approval';
}
