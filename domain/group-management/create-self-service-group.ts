import type { DirectoryGroup } from '../model/directory-group.js';
import type { DirectoryUser } from '../model/directory-user.js';
import type { NewGroupKind } from '../model/new-group.js';
import { writeGroupSettings } from '../join-requests/join-request-records.js';
import { announceMembershipChange } from '../join-requests/notify-members.js';
import { err, ok, type Result } from '../result.js';
import { assessGroupCreation } from './assess-group-creation.js';
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
  const [settings, directoryPolicy, existingGroups, creatorGroupIds] = await Promise.all([
    readSelfServiceSettings(store),
    directory.groupCreationPolicy?.() ?? {},
    directory.listGroups(),
    directory.groupsOf(input.creator.id),
  ]);
  const decided = assessGroupCreation({ ...input, settings, directoryPolicy, existingGroups, creatorGroupIds });
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
