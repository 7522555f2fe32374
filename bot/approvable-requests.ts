import { currentStageApprovers } from '../domain/join-requests/find-stage-approvers.js';
import { openRequests } from '../domain/join-requests/join-request-index.js';
import { askersOf, type JoinRequest } from '../domain/join-requests/join-request.js';
import { isGroupAdmin, type DirectoryUser } from '../domain/model/directory-user.js';
import type { GroupGate } from './group-gate.js';

/** Pending requests this person may decide: for groups they own, for ownerless groups when they are an admin, and those whose stage waits for them. */
export async function approvableRequests(gate: GroupGate, person: DirectoryUser): Promise<JoinRequest[]> {
  const pending = (await openRequests(gate.store)).filter((r) => r.status === 'pending');
  const owners = new Map(await Promise.all([...new Set(pending.map((r) => r.groupId))].map(async (g) => [g, await gate.directory.listOwners(g)] as const)));
  const admin = isGroupAdmin(person);
  // A request of stages waits for the approvers of its stage now (its manager, named people…): read for those requests only.
  const staged = new Set(
    (await Promise.all(pending.filter((r) => r.stages?.length && !askersOf(r).includes(person.id)).map(async (r) => ((await currentStageApprovers(gate.directory, r)).ids.includes(person.id) ? r.id : undefined)))).filter(Boolean),
  );
  return pending
    .filter((r) => !askersOf(r).includes(person.id))
    .filter((r) => {
      if (r.stages?.length) return staged.has(r.id);
      const groupOwners = owners.get(r.groupId) ?? [];
      return groupOwners.includes(person.id) || (admin && groupOwners.length === 0);
    })
    .sort((a, b) => a.createdAt.localeCompare(b.createdAt));
}
