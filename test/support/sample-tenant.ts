import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { DirectoryGroup } from '../../domain/model/directory-group.js';
import type { DirectoryUser } from '../../domain/model/directory-user.js';

/** Path of the shipped Contoso tenant file. */
export const sampleTenantPath = fileURLToPath(new URL('../../adapters/directory/embedded/contoso-tenant.json', import.meta.url));

const tenant = JSON.parse(readFileSync(sampleTenantPath, 'utf8')) as {
  users: DirectoryUser[];
  groups: Array<DirectoryGroup & { owners: string[]; members: string[] }>;
};

/** A sample-tenant user by display name (throws if there is none, so a typo fails loudly). */
export function person(displayName: string): DirectoryUser {
  const user = tenant.users.find((u) => u.displayName === displayName);
  if (!user) throw new Error(`no user "${displayName}" in the sample tenant`);
  return user;
}

/** A sample-tenant group by display name. */
export function sampleGroup(displayName: string): DirectoryGroup & { owners: string[]; members: string[] } {
  const group = tenant.groups.find((g) => g.displayName === displayName);
  if (!group) throw new Error(`no group "${displayName}" in the sample tenant`);
  return group;
}
