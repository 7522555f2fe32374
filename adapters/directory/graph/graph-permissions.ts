/**
 * The Microsoft Graph application permissions (app roles) GroupGate's Graph directory uses, in one
 * place: docs/permissions.md is generated from this list and docs/deploy.md's grant commands name
 * the `always` ones; a test keeps both in step.
 */
export interface GraphPermission {
  /** The app role's value, as the Graph service principal lists it. */
  readonly name: string;
  /** `always`: GroupGate does not load without it. `feature`: one feature fails (and says so) without it. */
  readonly need: 'always' | 'feature';
  /** What GroupGate does with it. */
  readonly why: string;
  /** The Graph calls that need it. */
  readonly calls: readonly string[];
  /** For a feature permission: when to grant it. */
  readonly when?: string;
}

/** Least privilege first: each permission is the smallest Microsoft's reference lists for its calls. */
export const graphPermissions: readonly GraphPermission[] = [
  {
    name: 'User.Read.All', need: 'always',
    why: 'The user delta feed with every property a membership rule can read, and managers; users\' license assignment states; looking up a user who appeared since the last sync.',
    calls: ['GET /users/delta?$select=…,manager', 'GET /users/{id}', 'GET /users?$select=id,licenseAssignmentStates'],
  },
  {
    name: 'GroupMember.ReadWrite.All', need: 'always',
    why: 'The group delta feed with members and owners, live owner checks before an approval counts, and adding and removing members.',
    calls: ['GET /groups/delta', 'GET /groups/{id}/members', 'GET /groups/{id}/owners', 'POST /groups/{id}/members/$ref', 'DELETE /groups/{id}/members/{id}/$ref'],
  },
  {
    name: 'Group.Read.All', need: 'always',
    why: 'Group properties beyond the basic ones (membershipRule, assignedLicenses, onPremisesSyncEnabled, visibility) and the groups whose members have license errors. Not needed when Group.ReadWrite.All is granted.',
    calls: ['GET /groups/{id}', 'GET /groups?$filter=hasMembersWithLicenseErrors eq true', 'GET /groups/{id}/membersWithLicenseErrors'],
  },
  {
    name: 'RoleManagement.Read.Directory', need: 'always',
    why: 'Who holds Global, Groups, License or User Administrator tenant-wide (role assignments with their principal and scope): admins approve for ownerless groups and get license alerts.',
    calls: ['GET /roleManagement/directory/roleAssignments?$filter=roleDefinitionId in (…)&$expand=principal'],
  },
  {
    name: 'Organization.Read.All', need: 'always',
    why: 'License pools and their seats, and the tenant\'s name and country (the default usage location).',
    calls: ['GET /subscribedSkus', 'GET /organization'],
  },
  {
    name: 'Group.ReadWrite.All', need: 'feature',
    why: 'Applying a membership rule proposal to a dynamic group, and adding or removing owners. Replaces Group.Read.All.',
    calls: ['PATCH /groups/{id}', 'POST /groups/{id}/owners/$ref', 'DELETE /groups/{id}/owners/{id}/$ref'],
    when: 'when owners apply rule proposals or change owners through GroupGate',
  },
  {
    name: 'Group.Create', need: 'feature',
    why: 'Creating a group with its creator as owner and member (`create group`). Group.ReadWrite.All covers it too.',
    calls: ['POST /groups'],
    when: 'when people create groups through GroupGate',
  },
  {
    name: 'GroupSettings.Read.All', need: 'feature',
    why: 'Entra\'s Group.Unified setting (who may create Microsoft 365 groups, naming policy, blocked words). Without it GroupGate\'s own setting decides alone.',
    calls: ['GET /groupSettings'],
    when: 'when people create groups through GroupGate',
  },
  {
    name: 'Policy.Read.All', need: 'feature',
    why: 'The authorization policy\'s "users can create security groups". Without it GroupGate\'s own setting decides alone.',
    calls: ['GET /policies/authorizationPolicy'],
    when: 'when people create groups through GroupGate',
  },
  {
    name: 'LicenseAssignment.ReadWrite.All', need: 'feature',
    why: 'Asking Entra to retry users\' group licenses (`reprocess`).',
    calls: ['POST /users/{id}/reprocessLicenseAssignment'],
    when: 'when admins use `reprocess`',
  },
  {
    name: 'TeamsAppInstallation.ReadWriteSelfForUser.All', need: 'feature',
    why: 'Installing GroupGate\'s own Teams app for an owner Teams cannot reach yet, so their approval card reaches them (it lets the app install only itself: the Teams manifest\'s webApplicationInfo names the app GroupGate signs in to Graph as).',
    calls: ['POST /users/{id}/teamwork/installedApps'],
    when: 'only with TEAMS_INSTALL_FOR_OWNERS=on',
  },
  {
    name: 'RoleManagement.ReadWrite.Directory', need: 'feature',
    why: 'Changing members of role-assignable groups (isAssignableToRole): Graph requires it on top of GroupMember.ReadWrite.All. Highly privileged: leave it out otherwise.',
    calls: ['POST /groups/{id}/members/$ref', 'DELETE /groups/{id}/members/{id}/$ref'],
    when: 'only if GroupGate should manage role-assignable groups',
  },
];

/** The permissions GroupGate does not load without. */
export const alwaysNeededGraphPermissions: readonly string[] = graphPermissions.filter((p) => p.need === 'always').map((p) => p.name);

const cell = (text: string) => text.replaceAll('|', '\\|');

/** The table docs/permissions.md shows, generated from `graphPermissions`. */
export function graphPermissionsTable(): string {
  const rows = graphPermissions.map((p) => `| \`${p.name}\` | ${p.need === 'always' ? 'always' : cell(p.when ?? 'optional')} | ${cell(p.why)} | ${p.calls.map((c) => `\`${cell(c)}\``).join('<br>')} |`);
  return ['| Permission | When | What GroupGate uses it for | Graph calls |', '|---|---|---|---|', ...rows].join('\n');
}
