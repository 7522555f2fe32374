import { isDeepStrictEqual } from 'node:util';
import type { DirectoryGroup } from '../../../domain/model/directory-group.js';
import type { UserId } from '../../../domain/model/ids.js';
import type { MembershipWrite } from '../../../domain/ports/directory.js';
import { groupFrom } from './apply-group-round.js';
import type { DirectoryCopy } from './directory-copy.js';
import { DirectoryWriteRefused, membershipWriteRefusal } from './directory-write-refused.js';
import { groupFields } from './graph-fields.js';
import type { GraphHttp } from './graph-http.js';
import { GraphRequestError } from './graph-request-error.js';
import { readLiveObject } from './read-live.js';

/** What a membership write works on. */
export interface MembershipWriteParts {
  readonly http: GraphHttp;
  readonly copy: DirectoryCopy;
}

/**
 * Adds a user to a group's members (`POST /groups/{id}/members/$ref`) and to the copy at once.
 * Synced, Exchange-managed and dynamic groups are refused before anything is sent, and when the
 * copy did not know yet, Graph's refusal is read as such (refusedByGraph); "already exist" is
 * success (unchanged); a 404 names which of the two Graph no longer has.
 */
export async function addGraphMember(parts: MembershipWriteParts, group: DirectoryGroup, userId: UserId): Promise<MembershipWrite> {
  const refused = membershipWriteRefusal(group);
  if (refused) throw refused;
  const body = { '@odata.id': parts.http.url(`/directoryObjects/${encodeURIComponent(userId)}`) };
  let write: MembershipWrite = 'changed';
  try {
    await parts.http.send(`/groups/${encodeURIComponent(group.id)}/members/$ref`, { method: 'POST', body });
  } catch (error) {
    if (!(error instanceof GraphRequestError)) throw error;
    if (error.reason === 'alreadyExists') write = 'unchanged';
    else if (error.reason === 'notFound') throw await whichIsMissing(parts, group, userId);
    else throw await refusedByGraph(parts, group, error);
  }
  await parts.copy.editList('members', group.id, [{ userId, change: 'added' }]);
  return write;
}

/** Removes a user from a group's members (`DELETE …/members/{id}/$ref`); not a member (404) is unchanged. */
export async function removeGraphMember(parts: MembershipWriteParts, group: DirectoryGroup, userId: UserId): Promise<MembershipWrite> {
  const refused = membershipWriteRefusal(group);
  if (refused) throw refused;
  let write: MembershipWrite = 'changed';
  try {
    await parts.http.send(`/groups/${encodeURIComponent(group.id)}/members/${encodeURIComponent(userId)}/$ref`, { method: 'DELETE' });
  } catch (error) {
    if (!(error instanceof GraphRequestError)) throw error;
    if (error.reason === 'notFound') write = 'unchanged';
    else throw await refusedByGraph(parts, group, error);
  }
  await parts.copy.editList('members', group.id, [{ userId, change: 'removed' }]);
  return write;
}

/** After a 404 on add: asks Graph which of the two is gone, to say so plainly. */
async function whichIsMissing(parts: MembershipWriteParts, group: DirectoryGroup, userId: UserId): Promise<Error> {
  const exists = (path: string) =>
    parts.http.send(path, { query: { $select: 'id' } }).then(
      () => true,
      (error: unknown) => !(error instanceof GraphRequestError && error.reason === 'notFound'),
    );
  const [groupThere, userThere] = await Promise.all([exists(`/groups/${encodeURIComponent(group.id)}`), exists(`/users/${encodeURIComponent(userId)}`)]);
  const user = await parts.copy.getUser(userId);
  const userName = user ? `${user.displayName} (${userId})` : userId;
  if (!userThere) return new DirectoryWriteRefused('userNotFound', `Microsoft Graph has no user ${userName}: they may have been deleted. Nothing was changed.`);
  if (!groupThere) return new DirectoryWriteRefused('groupNotFound', `Microsoft Graph has no group "${group.displayName}" (${group.id}): it may have been deleted. Nothing was changed.`);
  return new GraphRequestError('notFound', `Microsoft Graph could not find group "${group.displayName}" (${group.id}) or user ${userName} when adding the member. Nothing was changed.`, { status: 404 });
}

// Graph's 400 to a write on an object synced from on-premises AD (B.3).
const onPremisesMastered = /on-premises mastered Directory Sync objects/i;

/**
 * What Graph's refusal of a member write means. Graph answers one on a dynamic group, a
 * mail-enabled security group or a distribution list 403 "Insufficient privileges" (the words of a
 * missing permission) and one on a group synced from on-premises 400 "on-premises mastered": the
 * copy was behind Entra. The group is read again and, when Graph does not manage its members, the
 * copy takes the fresh record and people hear why instead of a permission hint. Other failures
 * pass through as they came.
 */
async function refusedByGraph(parts: MembershipWriteParts, group: DirectoryGroup, error: GraphRequestError): Promise<Error> {
  const synced = error.reason === 'badRequest' && onPremisesMastered.test(error.message);
  if (error.reason !== 'forbidden' && !synced) return error;
  const live = await readLiveObject(parts.http, `/groups/${encodeURIComponent(group.id)}`, groupFields).catch(() => undefined);
  const fresh = live ? groupFrom(live, group) : group;
  const refusal = membershipWriteRefusal(synced ? { ...fresh, onPremisesSyncEnabled: true } : fresh);
  if (live && !isDeepStrictEqual(fresh, group)) await parts.copy.putGroup(fresh, group);
  if (refusal) return refusal;
  return error.reason === 'forbidden' ? forbidden(error, fresh) : error;
}

function forbidden(error: GraphRequestError, group: DirectoryGroup): GraphRequestError {
  const hint = group.isAssignableToRole
    ? 'It is a role-assignable group: changing its members also needs the RoleManagement.ReadWrite.Directory permission.'
    : "Check that GroupGate's app registration has GroupMember.ReadWrite.All with admin consent.";
  return new GraphRequestError('forbidden', `Microsoft Graph refused to change the members of "${group.displayName}". ${hint} (${error.message})`, error.details, { cause: error });
}
