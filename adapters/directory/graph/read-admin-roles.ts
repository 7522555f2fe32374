import type { DirectoryRole } from '../../../domain/model/directory-user.js';
import { groupId } from '../../../domain/model/ids.js';
import type { DirectoryCopy } from './directory-copy.js';
import type { BatchAnswer, BatchRead } from './graph-batch.js';
import { collectionOf } from './graph-batch.js';
import { adminRoleTemplates } from './graph-fields.js';
import type { GraphHttp } from './graph-http.js';
import { objectRefSchema, parseGraph } from './graph-schemas.js';

const readId = (template: string) => `role:${template}`;

/**
 * The reads that find who holds the Entra roles GroupGate recognises (Global, Groups, License and
 * User Administrator): each role's members, the role addressed by its template id (the same in
 * every tenant), so no listing of the activated roles comes first.
 */
export function adminRoleReads(): BatchRead[] {
  return Object.keys(adminRoleTemplates).map((template) => ({ id: readId(template), url: `/directoryRoles(roleTemplateId='${template}')/members?$select=id` }));
}

/**
 * Who holds each role, from the answers to `adminRoleReads`. A role nobody activated answers 404:
 * nobody holds it. A role-assignable group holding a role passes it to its members (read from the
 * copy, so groups sync first). Roles eligible through PIM but not activated are not members, so
 * they do not count until activated.
 */
export async function adminRoleHolders(http: GraphHttp, answers: ReadonlyMap<string, BatchAnswer>, copy: DirectoryCopy): Promise<Record<string, DirectoryRole[]>> {
  const holders: Record<string, DirectoryRole[]> = {};
  const grant = (id: string, role: DirectoryRole) => {
    const held = (holders[id] ??= []);
    if (!held.includes(role)) held.push(role);
  };
  for (const [template, name] of Object.entries(adminRoleTemplates)) {
    const answer = answers.get(readId(template));
    if (answer && !answer.ok && answer.error.reason === 'notFound') continue;
    const members = await collectionOf(http, answer, `the members of the ${name} role`, { background: true });
    for (const ref of members.map((m) => parseGraph(objectRefSchema, m, 'a role member'))) {
      if (ref['@odata.type'] === '#microsoft.graph.group') (await copy.members(groupId(ref.id))).forEach((id) => grant(id, name));
      else if (ref['@odata.type'] === undefined || ref['@odata.type'] === '#microsoft.graph.user') grant(ref.id, name);
    }
  }
  return holders;
}
