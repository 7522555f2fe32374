import { PermanentWriteRefusal } from '../../../domain/ports/permanent-write-refusal.js';
import { groupKindLabel, isDynamic, isManagedInExchange, isSyncedFromOnPremises, type DirectoryGroup } from '../../../domain/model/directory-group.js';

/** Why GroupGate will not write to a group, decided before anything is sent to Graph. */
export type WriteRefusal =
  | 'syncedFromOnPremises'
  | 'managedInExchange'
  | 'dynamicMembership'
  | 'notDynamic'
  | 'groupNotFound'
  | 'userNotFound'
  | 'invalidNewGroup';

/**
 * A write GroupGate refused (before sending it) or Graph refused for a reason people can act on.
 * `reason` is for code; the message names the group and user and says where to go instead.
 */
export class DirectoryWriteRefused extends PermanentWriteRefusal {
  override readonly name = 'DirectoryWriteRefused';

  constructor(
    readonly reason: WriteRefusal,
    message: string,
  ) {
    super(message);
  }
}

/** The reason a group's members cannot be changed through Graph, if there is one (B.3). */
export function membershipWriteRefusal(group: DirectoryGroup): DirectoryWriteRefused | undefined {
  const name = `"${group.displayName}" (${group.id})`;
  if (isSyncedFromOnPremises(group)) {
    return new DirectoryWriteRefused('syncedFromOnPremises', `${name} is synced from on-premises Active Directory; change its members there.`);
  }
  if (isManagedInExchange(group)) {
    return new DirectoryWriteRefused('managedInExchange', `${name} is a ${groupKindLabel(group).toLowerCase()}, read-only in Microsoft Graph; change its members in Exchange.`);
  }
  if (isDynamic(group)) {
    return new DirectoryWriteRefused('dynamicMembership', `${name} has dynamic membership; its members come from its rule.`);
  }
  return undefined;
}

/** The reason a group's membership rule cannot be set through Graph, if there is one. */
export function ruleWriteRefusal(group: DirectoryGroup): DirectoryWriteRefused | undefined {
  const name = `"${group.displayName}" (${group.id})`;
  if (isSyncedFromOnPremises(group)) {
    return new DirectoryWriteRefused('syncedFromOnPremises', `${name} is synced from on-premises Active Directory; it cannot be changed in the cloud.`);
  }
  if (isManagedInExchange(group)) {
    return new DirectoryWriteRefused('managedInExchange', `${name} is managed in Exchange, read-only in Microsoft Graph.`);
  }
  if (!isDynamic(group)) {
    return new DirectoryWriteRefused('notDynamic', `${name} has assigned membership; only a dynamic group's rule can be changed.`);
  }
  return undefined;
}
