import type { DirectoryRole } from '../../../domain/model/directory-user.js';
import { groupId } from '../../../domain/model/ids.js';
import type { DirectoryCopy } from './directory-copy.js';
import type { BatchAnswer, BatchRead } from './graph-batch.js';
import { collectionOf } from './graph-batch.js';
import { adminRoleTemplates } from './graph-fields.js';
import type { GraphHttp } from './graph-http.js';
import { parseGraph, roleAssignmentSchema } from './graph-schemas.js';

const readId = 'role-assignments';

// The scope of a tenant-wide assignment; an administrative unit's is `/administrativeUnits/{id}`.
const tenantWide = '/';

/**
 * The read that finds who holds the Entra roles GroupGate recognises (Global, Groups, License and
 * User Administrator): their role assignments, principal and scope in one query
 * (`roleManagement/directory/roleAssignments`, as Microsoft recommends over `/directoryRoles`). A
 * built-in role's definition id is its template id, the same in every tenant.
 */
export function adminRoleReads(): BatchRead[] {
  const roles = Object.keys(adminRoleTemplates).map((template) => `'${template}'`).join(',');
  const filter = encodeURIComponent(`roleDefinitionId in (${roles})`);
  return [{ id: readId, url: `/roleManagement/directory/roleAssignments?$filter=${filter}&$select=id,roleDefinitionId,principalId,directoryScopeId&$expand=principal` }];
}

/**
 * Who holds each role, from the answer to `adminRoleReads`. Only a tenant-wide assignment makes an
 * admin: one scoped to an administrative unit or a single object does not. A role-assignable group
 * holding a role passes it to its members (read from the copy, so groups sync first); a service
 * principal holds it for nobody. Eligible PIM assignments are not assignments until activated.
 */
export async function adminRoleHolders(http: GraphHttp, answers: ReadonlyMap<string, BatchAnswer>, copy: DirectoryCopy): Promise<Record<string, DirectoryRole[]>> {
  const holders: Record<string, DirectoryRole[]> = {};
  const grant = (id: string, role: DirectoryRole) => {
    const held = (holders[id] ??= []);
    if (!held.includes(role)) held.push(role);
  };
  for (const raw of await collectionOf(http, answers.get(readId), 'the admin role assignments', { background: true })) {
    const assignment = parseGraph(roleAssignmentSchema, raw, 'a role assignment');
    const role = adminRoleTemplates[assignment.roleDefinitionId];
    if (!role || assignment.directoryScopeId !== tenantWide) continue;
    const type = assignment.principal?.['@odata.type'];
    if (type === '#microsoft.graph.group') (await copy.members(groupId(assignment.principalId))).forEach((id) => grant(id, role));
    else if (type === undefined || type === '#microsoft.graph.user') grant(assignment.principalId, role);
  }
  return holders;
}
