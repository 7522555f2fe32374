import type { AssignedLicense } from './directory-user.js';
import type { GroupId } from './ids.js';

/** A group as Microsoft Graph returns it (v1.0 `group` JSON), the fields that decide what GroupGate may do. */
export interface DirectoryGroup {
  readonly id: GroupId;
  readonly displayName: string;
  readonly mailNickname?: string | null;
  readonly description?: string | null;
  readonly groupTypes: readonly string[];
  readonly mailEnabled: boolean;
  readonly securityEnabled: boolean;
  readonly onPremisesSyncEnabled?: boolean | null;
  readonly isAssignableToRole?: boolean | null;
  readonly membershipRule?: string | null;
  readonly membershipRuleProcessingState?: 'On' | 'Paused' | null;
  readonly visibility?: string | null;
  readonly assignedLicenses?: readonly AssignedLicense[];
  readonly [field: string]: unknown;
}

/** The four kinds of group in Graph's type matrix. */
export type GroupKind = 'microsoft365' | 'security' | 'mailEnabledSecurity' | 'distribution';

/** Which of Graph's four group kinds this is (from groupTypes, mailEnabled, securityEnabled). */
export function groupKind(group: DirectoryGroup): GroupKind {
  if (group.groupTypes.some((t) => t.toLowerCase() === 'unified')) return 'microsoft365';
  if (group.mailEnabled) return group.securityEnabled ? 'mailEnabledSecurity' : 'distribution';
  return 'security';
}

/** Members come from a membership rule; nobody can be added or removed by hand. */
export const isDynamic = (group: DirectoryGroup) =>
  group.groupTypes.some((t) => t.toLowerCase() === 'dynamicmembership');

/** Mastered in on-premises AD DS; cloud writes fail. */
export const isSyncedFromOnPremises = (group: DirectoryGroup) => group.onPremisesSyncEnabled === true;

/** Mail-enabled security groups and distribution lists are managed in Exchange, read-only in Graph. */
export const isManagedInExchange = (group: DirectoryGroup) => {
  const kind = groupKind(group);
  return kind === 'mailEnabledSecurity' || kind === 'distribution';
};

/** Groups that assign at least one license to their members. */
export const assignsLicenses = (group: DirectoryGroup) => (group.assignedLicenses ?? []).length > 0;

/** A short human label for the group's kind, used on cards. */
export function groupKindLabel(group: DirectoryGroup): string {
  const dynamic = isDynamic(group) ? 'Dynamic ' : '';
  switch (groupKind(group)) {
    case 'microsoft365':
      return `${dynamic}Microsoft 365 group`;
    case 'security':
      return `${dynamic}Security group`;
    case 'mailEnabledSecurity':
      return 'Mail-enabled security group';
    case 'distribution':
      return 'Distribution list';
  }
}
