import type { DirectoryGroup } from '../model/directory-group.js';
import type { UserId } from '../model/ids.js';
import { ok, type Result } from '../result.js';
import { assessLeave } from './assess-leave.js';
import type { JoinRequestPorts } from './join-request-ports.js';
import { readGroupSettings } from './join-request-records.js';
import type { LeaveRefusal } from './join-refusal.js';
import { announceMembershipChange } from './notify-members.js';

/** A member leaves a group by themselves, where the group's kind and policy allow it. */
export async function leaveGroup(ports: JoinRequestPorts, input: { readonly userId: UserId; readonly group: DirectoryGroup }): Promise<Result<'left', LeaveRefusal>> {
  const { userId, group } = input;
  const [settings, isMember] = await Promise.all([readGroupSettings(ports.store, group), ports.directory.isMember(group.id, userId)]);
  const verdict = assessLeave(group, settings, isMember);
  if (!verdict.ok) return verdict;
  if ((await ports.directory.removeMember(group.id, userId)) === 'changed') {
    await announceMembershipChange(ports.membershipListeners, group.id, userId, 'removed', 'leave');
  }
  return ok('left');
}
