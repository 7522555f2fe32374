import type { SkuId, UserId } from './ids.js';

/** Entra directory roles GroupGate cares about. */
export type DirectoryRole = 'Global Administrator' | 'Groups Administrator' | 'License Administrator' | 'User Administrator';

/** A license assigned to a user or group, as Graph's assignedLicense. */
export interface AssignedLicense {
  readonly skuId: SkuId;
  readonly disabledPlans: readonly string[];
}

/**
 * A user as Microsoft Graph returns it (v1.0 `user` JSON), plus the two fields the embedded
 * tenant adds: `roles` (Entra roles held) and `slackUserId`. Rule evaluation reads the Graph
 * fields as they are, so unknown fields are kept.
 */
export interface DirectoryUser {
  readonly id: UserId;
  readonly displayName: string;
  readonly userPrincipalName: string;
  readonly mail?: string | null;
  readonly mailNickname?: string | null;
  readonly jobTitle?: string | null;
  readonly department?: string | null;
  readonly country?: string | null;
  readonly usageLocation?: string | null;
  readonly userType?: string | null;
  readonly accountEnabled?: boolean;
  readonly assignedLicenses?: readonly AssignedLicense[];
  readonly roles?: readonly DirectoryRole[];
  readonly slackUserId?: string;
  readonly [field: string]: unknown;
}

/** Roles that may administer any group. */
const groupAdminRoles: readonly DirectoryRole[] = ['Global Administrator', 'Groups Administrator'];
/** Roles that may see licensing and subscribe to license alerts. */
const licenseAdminRoles: readonly DirectoryRole[] = ['Global Administrator', 'License Administrator'];

/** True when the user may act on any group (approve for ownerless groups, set policies). */
export const isGroupAdmin = (user: DirectoryUser) => (user.roles ?? []).some((r) => groupAdminRoles.includes(r));

/** True when the user may manage licensing and license alerts. */
export const isLicenseAdmin = (user: DirectoryUser) => (user.roles ?? []).some((r) => licenseAdminRoles.includes(r));

/** True for any admin role GroupGate recognises. */
export const isAdmin = (user: DirectoryUser) => isGroupAdmin(user) || isLicenseAdmin(user);

/** True for B2B guests. */
export const isGuest = (user: DirectoryUser) => (user.userType ?? '').toLowerCase() === 'guest';
