import type { AssignedLicense, DirectoryUser } from '../model/directory-user.js';
import type { GroupId, UserId } from '../model/ids.js';
import type { SubscribedSku } from '../model/subscribed-sku.js';

/** A group that assigns licenses, with its direct members (licenses do not flow through nesting). */
export interface LicensingGroup {
  readonly id: GroupId;
  readonly displayName: string;
  readonly securityEnabled: boolean;
  readonly assignedLicenses: readonly AssignedLicense[];
  readonly members: readonly UserId[];
}

/**
 * The directory as licensing reads it: the SKUs, every user (their `assignedLicenses` are direct
 * assignments), the licensing groups, and the tenant's usage location for users without one.
 */
export interface LicensingSnapshot {
  readonly skus: readonly SubscribedSku[];
  readonly users: readonly DirectoryUser[];
  readonly groups: readonly LicensingGroup[];
  readonly defaultUsageLocation?: string;
}

/**
 * Entra only licenses through security-enabled groups (`assignLicense` refuses the others), so a
 * group that is not one assigns nothing here either.
 */
export const assignsThroughGroup = (group: LicensingGroup) => group.securityEnabled && group.assignedLicenses.length > 0;
