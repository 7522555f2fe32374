import type { DirectoryGroup } from '../model/directory-group.js';
import type { DirectoryUser } from '../model/directory-user.js';
import type { NewGroup, NewGroupKind } from '../model/new-group.js';
import type { Directory } from '../ports/directory.js';
import { groupId } from '../model/ids.js';
import { writeGroupSettings } from '../join-requests/join-request-records.js';
import { announceMembershipChange } from '../join-requests/notify-members.js';
import { err, ok, type Result } from '../result.js';
import { assessGroupCreation } from './assess-group-creation.js';
import { nameSkeleton } from './name-skeleton.js';
import type { OwnerToolPorts } from './owner-tool-ports.js';
import type { CreationRefusal } from './owner-tool-refusal.js';
import { readSelfServiceSettings } from './self-service-settings.js';

/** What someone asked to create. */
export interface CreationInput {
  readonly creator: DirectoryUser;
  readonly typedName: string;
  readonly kind: NewGroupKind;
  readonly description?: string;
}

// Two people creating the same name at the same moment (on two instances): the first claim wins.
const nameClaimKey = (name: string) => `group-name-claim:${name.toLowerCase().replace(/\s+/g, ' ').trim()}`;
const nameClaimMs = 60_000;

/**
 * Creates a group someone asked for, when the settings allow it: the creator becomes its first
 * owner and member, and it takes join requests with an owner's approval.
 */
export async function createSelfServiceGroup(ports: OwnerToolPorts, input: CreationInput): Promise<Result<DirectoryGroup, CreationRefusal>> {
  const { directory, store } = ports;
  const [settings, directoryPolicy, creatorGroupIds] = await Promise.all([
    readSelfServiceSettings(store),
    directory.groupCreationPolicy?.() ?? {},
    directory.groupsOf(input.creator.id),
  ]);
  const ask = { ...input, settings, directoryPolicy, creatorGroupIds };
  // First the name the policies give, then only the groups that could clash with it (by name or mail nickname).
  const named = assessGroupCreation({ ...ask, existingGroups: [] });
  if (!named.ok) return named;
  const decided = assessGroupCreation({ ...ask, existingGroups: await possibleClashes(directory, named.value) });
  if (!decided.ok) return decided;
  const draft = decided.value;
  const claimed = await store.update<string, boolean>(nameClaimKey(draft.displayName), (holder) => (holder ? { result: false } : { next: draft.creatorId, result: true }), { ttlMs: nameClaimMs });
  if (!claimed) return err({ reason: 'duplicateName', name: draft.displayName });
  const group = await directory.createGroup(draft).catch(async (error: unknown) => {
    await store.delete(nameClaimKey(draft.displayName));
    throw error;
  });
  await writeGroupSettings(store, group.id, { joinPolicy: 'approval' });
  await announceMembershipChange(ports.membershipListeners, group.id, draft.creatorId, 'added', 'ownerAction');
  return ok(group);
}

/**
 * The groups named like the draft, and those holding its mail nickname or a numbered one after it
 * (`book-club`, `book-club-2`, …) up to the first free one: index lookups, not a listing of every group.
 */
async function possibleClashes(directory: Directory, draft: NewGroup): Promise<DirectoryGroup[]> {
  const found = [...(await directory.findGroupsByName(draft.displayName))];
  found.push(...(await lookAlikes(directory, draft.displayName)));
  for (let n = 1; n < 1_000; n++) {
    const nickname = n === 1 ? draft.mailNickname : `${draft.mailNickname}-${n}`;
    const holders = (await directory.findGroupsByName(nickname)).filter((g) => g.mailNickname?.toLowerCase() === nickname.toLowerCase());
    if (holders.length === 0) break;
    found.push(...holders);
  }
  return found;
}

// Enough to hold every group sharing a word's first three letters in all but the largest tenants.
const lookAlikeCandidates = 200;

/**
 * Groups whose names look like `name` (the same skeleton), among those sharing the first letters of
 * one of its words read either way (as typed, and as the Latin letters it looks like): index reads.
 */
async function lookAlikes(directory: Directory, name: string): Promise<DirectoryGroup[]> {
  const looks = nameSkeleton(name);
  const candidates = [...(await directory.groupNamesLike(looks, lookAlikeCandidates)), ...(await directory.groupNamesLike(name, lookAlikeCandidates))];
  const ids = [...new Set(candidates.filter((candidate) => nameSkeleton(candidate.displayName) === looks).map((candidate) => candidate.id))];
  const groups = await Promise.all(ids.map((id) => directory.getGroup(groupId(id))));
  return groups.filter((group): group is DirectoryGroup => group !== undefined);
}
