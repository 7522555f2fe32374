import type { DirectoryRole } from '../../../domain/model/directory-user.js';

/**
 * User fields kept in the local copy: what cards and join checks show, what licensing reads, and
 * every user property a membership rule can read (so a whole-tenant preview runs on the copy).
 * `manager` comes separately (userRelationships), for Direct Reports rules.
 */
export const userFields = [
  'id', 'displayName', 'userPrincipalName', 'mail', 'mailNickname', 'givenName', 'surname', 'jobTitle',
  'department', 'companyName', 'employeeId', 'employeeHireDate', 'country', 'city', 'state', 'streetAddress',
  'postalCode', 'usageLocation', 'userType', 'accountEnabled', 'officeLocation', 'businessPhones', 'mobilePhone',
  'faxNumber', 'preferredLanguage', 'passwordPolicies', 'otherMails', 'proxyAddresses', 'assignedLicenses',
  'assignedPlans', 'onPremisesSyncEnabled', 'onPremisesDistinguishedName', 'onPremisesSecurityIdentifier',
  'onPremisesExtensionAttributes',
] as const;

/** Group fields that decide what GroupGate may do with a group (B.3), plus licensing's. */
export const groupFields = [
  'id', 'displayName', 'mailNickname', 'description', 'groupTypes', 'mailEnabled', 'securityEnabled',
  'onPremisesSyncEnabled', 'isAssignableToRole', 'membershipRule', 'membershipRuleProcessingState', 'visibility',
  'assignedLicenses',
] as const;

/**
 * User relationships tracked by the user delta: `manager` is asked for in `$select` (delta queries
 * do not support `$expand`) and its changes arrive as `manager@delta` (docs/graph.md).
 */
export const userRelationships = ['manager'] as const;

/** Group relationships tracked by the group delta: their changes arrive as `members@delta` and `owners@delta`. */
export const groupRelationships = ['members', 'owners'] as const;

/**
 * The Entra roles GroupGate recognises, by role template id: the same in every tenant, and for a
 * built-in role its roleDefinitionId in role assignments.
 */
export const adminRoleTemplates: Readonly<Record<string, DirectoryRole>> = {
  '62e90394-69f5-4237-9190-012177145e10': 'Global Administrator',
  'fdd7a751-b60b-444a-984c-02652fe8fa1c': 'Groups Administrator',
  '4d6ac14f-3453-41d0-bef9-a3e0c569773a': 'License Administrator',
  'fe930be7-5e62-47db-91af-98c3a49a38b1': 'User Administrator',
};
