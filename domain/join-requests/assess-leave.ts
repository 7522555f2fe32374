import { isDynamic, isManagedInExchange, isSyncedFromOnPremises, type DirectoryGroup } from '../model/directory-group.js';
import { err, ok, type Result } from '../result.js';
import type { GroupSettings } from './join-policy.js';
import type { LeaveRefusal } from './join-refusal.js';

/** Decides whether a member may leave a group by themselves. */
export function assessLeave(group: DirectoryGroup, settings: GroupSettings, isMember: boolean): Result<'leave', LeaveRefusal> {
  if (!isMember) return err({ reason: 'notMember' });
  if (isDynamic(group)) return err({ reason: 'dynamicGroup', membershipRule: group.membershipRule ?? '' });
  if (isSyncedFromOnPremises(group)) return err({ reason: 'syncedFromOnPremises' });
  if (isManagedInExchange(group)) return err({ reason: 'mailEnabledOrDistributionList' });
  if (settings.joinPolicy === 'closed') return err({ reason: 'closed' });
  return ok('leave');
}
