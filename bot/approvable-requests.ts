import { openRequests } from '../domain/join-requests/join-request-index.js';
import type { JoinRequest } from '../domain/join-requests/join-request.js';
import { isGroupAdmin, type DirectoryUser } from '../domain/model/directory-user.js';
import type { GroupGate } from './group-gate.js';

/** Pending requests this person may decide: for groups they own, and for ownerless groups when they are an admin. */
export async function approvableRequests(gate: GroupGate, person: DirectoryUser): Promise<JoinRequest[]> {
  const pending = (await openRequests(gate.store)).filter((r) => r.status === 'pending');
  const owners = new Map(await Promise.all([...new Set(pending.map((r) => r.groupId))].map(async (g) => [g, await gate.directory.listOwners(g)] as const)));
  const admin = isGroupAdmin(person);
  return pending
    .filter((r) => r.requesterId !== person.id)
    .filter((r) => {
      const groupOwners = owners.get(r.groupId) ?? [];
      return groupOwners.includes(person.id) || (admin && groupOwners.length === 0);
    })
    .sort((a, b) => a.createdAt.localeCompare(b.createdAt));
}
