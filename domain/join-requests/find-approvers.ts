import { isGroupAdmin } from '../model/directory-user.js';
import type { GroupId, UserId } from '../model/ids.js';
import type { Directory } from '../ports/directory.js';

/** Who decides requests for a group: its owners; when it has none, the group admins. */
export interface Approvers {
  readonly ids: readonly UserId[];
  readonly areAdmins: boolean;
}

/** The people who may approve a request to join `groupId`, never the requester themselves. */
export async function findApprovers(directory: Directory, groupId: GroupId, requesterId: UserId): Promise<Approvers> {
  const owners = await directory.listOwners(groupId);
  if (owners.length > 0) return { ids: owners.filter((id) => id !== requesterId), areAdmins: false };
  const admins = (await directory.listAdmins()).filter(isGroupAdmin).map((u) => u.id);
  return { ids: admins.filter((id) => id !== requesterId), areAdmins: true };
}
