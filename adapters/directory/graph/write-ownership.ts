import { groupKindLabel, isManagedInExchange, isSyncedFromOnPremises, type DirectoryGroup } from '../../../domain/model/directory-group.js';
import type { UserId } from '../../../domain/model/ids.js';
import type { MembershipWrite } from '../../../domain/ports/directory.js';
import { DirectoryWriteRefused } from './directory-write-refused.js';
import { GraphRequestError } from './graph-request-error.js';
import type { MembershipWriteParts } from './write-membership.js';

/** The reason a group's owners cannot be changed through Graph, if there is one. Dynamic groups' owners can. */
export function ownerWriteRefusal(group: DirectoryGroup): DirectoryWriteRefused | undefined {
  const name = `"${group.displayName}" (${group.id})`;
  if (isSyncedFromOnPremises(group)) return new DirectoryWriteRefused('syncedFromOnPremises', `${name} is synced from on-premises Active Directory; change its owners there.`);
  if (isManagedInExchange(group)) return new DirectoryWriteRefused('managedInExchange', `${name} is a ${groupKindLabel(group).toLowerCase()}; its owners are managed in Exchange.`);
  return undefined;
}

/**
 * Adds an owner (`POST /groups/{id}/owners/$ref`) and, once Graph took it, to the copy. Refused
 * groups are refused before anything is sent; "already exist" counts as unchanged.
 */
export async function addGraphOwner(parts: MembershipWriteParts, group: DirectoryGroup, userId: UserId): Promise<MembershipWrite> {
  const refused = ownerWriteRefusal(group);
  if (refused) throw refused;
  const body = { '@odata.id': parts.http.url(`/directoryObjects/${encodeURIComponent(userId)}`) };
  const write = await sendOwnerWrite(() => parts.http.send(`/groups/${encodeURIComponent(group.id)}/owners/$ref`, { method: 'POST', body }), 'alreadyExists', group, userId);
  await parts.copy.editList('owners', group.id, [{ userId, change: 'added' }]);
  return write;
}

/** Removes an owner (`DELETE /groups/{id}/owners/{userId}/$ref`); someone who is not one (404) is unchanged. */
export async function removeGraphOwner(parts: MembershipWriteParts, group: DirectoryGroup, userId: UserId): Promise<MembershipWrite> {
  const refused = ownerWriteRefusal(group);
  if (refused) throw refused;
  const path = `/groups/${encodeURIComponent(group.id)}/owners/${encodeURIComponent(userId)}/$ref`;
  const write = await sendOwnerWrite(() => parts.http.send(path, { method: 'DELETE' }), 'notFound', group, userId);
  await parts.copy.editList('owners', group.id, [{ userId, change: 'removed' }]);
  return write;
}

async function sendOwnerWrite(send: () => Promise<unknown>, unchangedWhen: 'alreadyExists' | 'notFound', group: DirectoryGroup, userId: UserId): Promise<MembershipWrite> {
  try {
    await send();
    return 'changed';
  } catch (error) {
    if (!(error instanceof GraphRequestError)) throw error;
    if (error.reason === unchangedWhen) return 'unchanged';
    if (error.reason === 'forbidden') {
      throw new GraphRequestError('forbidden', `Microsoft Graph refused to change the owners of "${group.displayName}" (user ${userId}). Check that GroupGate's app registration has Group.ReadWrite.All with admin consent. (${error.message})`, error.details, { cause: error });
    }
    throw error;
  }
}
