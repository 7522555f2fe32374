import type { DirectoryRole } from '../../../domain/model/directory-user.js';
import { groupId } from '../../../domain/model/ids.js';
import type { DirectoryCopy } from './directory-copy.js';
import { adminRoleTemplates } from './graph-fields.js';
import type { GraphHttp } from './graph-http.js';
import { directoryRoleSchema, objectRefSchema, parseGraph } from './graph-schemas.js';

/**
 * Who holds the Entra roles GroupGate recognises (Global, Groups, License and User Administrator):
 * the members of each activated directory role, by role template id. A role-assignable group
 * holding a role passes it to its members (read from the copy, so groups sync first). Roles
 * eligible through PIM but not activated are not members, so they do not count until activated.
 */
export async function readAdminRoles(http: GraphHttp, copy: DirectoryCopy): Promise<Record<string, DirectoryRole[]>> {
  const holders: Record<string, DirectoryRole[]> = {};
  const grant = (id: string, role: DirectoryRole) => {
    const held = (holders[id] ??= []);
    if (!held.includes(role)) held.push(role);
  };
  for await (const page of http.pages('/directoryRoles', { query: { $select: 'id,roleTemplateId' }, background: true })) {
    for (const raw of page.value) {
      const role = parseGraph(directoryRoleSchema, raw, 'a directory role');
      const name = adminRoleTemplates[role.roleTemplateId ?? ''];
      if (!name) continue;
      for await (const members of http.pages(`/directoryRoles/${encodeURIComponent(role.id)}/members`, { query: { $select: 'id' }, background: true })) {
        for (const ref of members.value.map((m) => parseGraph(objectRefSchema, m, 'a role member'))) {
          if (ref['@odata.type'] === '#microsoft.graph.group') (await copy.members(groupId(ref.id))).forEach((id) => grant(id, name));
          else if (ref['@odata.type'] === undefined || ref['@odata.type'] === '#microsoft.graph.user') grant(ref.id, name);
        }
      }
    }
  }
  return holders;
}
