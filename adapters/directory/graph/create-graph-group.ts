import type { DirectoryGroup } from '../../../domain/model/directory-group.js';
import type { NewGroup } from '../../../domain/model/new-group.js';
import { groupFrom } from './apply-group-round.js';
import { DirectoryWriteRefused } from './directory-write-refused.js';
import { deltaItemSchema, parseGraph } from './graph-schemas.js';
import type { MembershipWriteParts } from './write-membership.js';

// What Graph accepts in a mail nickname: ASCII without @ ( ) \ [ ] " ; : . < > , or space, at most 64.
const mailNickname = /^[\x21-\x7e]{1,64}$/;
const forbiddenInNickname = /[@()\\[\]";:.<>,]/;
const objectId = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Creates a group with `POST /groups` (Group.Create), binding its creator as owner and member in
 * the same call (`owners@odata.bind`, `members@odata.bind`) — an app-created group without owners
 * would be ownerless and, for Microsoft 365, without its SharePoint site. What Graph would refuse
 * (a long name, a bad nickname, a creator who is no Entra object) is refused before sending.
 * The new group goes into the copy at once, with its owner and member.
 */
export async function createGraphGroup(parts: MembershipWriteParts, draft: NewGroup): Promise<DirectoryGroup> {
  const problem = draftProblem(draft);
  if (problem) throw new DirectoryWriteRefused('invalidNewGroup', `GroupGate did not ask Microsoft Graph to create "${draft.displayName}": ${problem}. Nothing was changed.`);
  const creator = parts.http.url(`/users/${encodeURIComponent(draft.creatorId)}`);
  const body = {
    displayName: draft.displayName,
    mailNickname: draft.mailNickname,
    ...(draft.description ? { description: draft.description } : {}),
    ...(draft.kind === 'microsoft365'
      ? { groupTypes: ['Unified'], mailEnabled: true, securityEnabled: false, visibility: 'Private' }
      : { groupTypes: [], mailEnabled: false, securityEnabled: true }),
    'owners@odata.bind': [creator],
    'members@odata.bind': [creator],
  };
  const answer = await parts.http.send('/groups', { method: 'POST', body });
  const group = groupFrom(parseGraph(deltaItemSchema, answer.body, 'the created group'));
  await Promise.all([parts.copy.putGroup(group), parts.copy.replaceList('owners', group.id, [draft.creatorId]), parts.copy.replaceList('members', group.id, [draft.creatorId])]);
  return group;
}

function draftProblem(draft: NewGroup): string | undefined {
  if (!draft.displayName.trim() || draft.displayName.length > 256) return 'a display name must be 1 to 256 characters';
  if (!mailNickname.test(draft.mailNickname) || forbiddenInNickname.test(draft.mailNickname)) return `"${draft.mailNickname}" is not a mail nickname Graph accepts`;
  if (!objectId.test(draft.creatorId)) return `its creator ${draft.creatorId} is not an Entra object id`;
  return undefined;
}
