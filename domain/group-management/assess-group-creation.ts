import type { DirectoryGroup } from '../model/directory-group.js';
import { isGroupAdmin, type DirectoryUser } from '../model/directory-user.js';
import type { GroupCreationPolicy } from '../model/group-creation-policy.js';
import type { GroupId } from '../model/ids.js';
import type { NewGroup, NewGroupKind } from '../model/new-group.js';
import { err, ok, type Result } from '../result.js';
import { mailNicknameFor } from './mail-nickname-for.js';
import { nameSkeleton } from './name-skeleton.js';
import { affixesFromTemplate, applyNamingPolicy, noNamingPolicy, type NamingPolicy } from './naming-policy.js';
import type { CreationRefusal } from './owner-tool-refusal.js';
import type { SelfServiceSettings } from './self-service-settings.js';
import { normaliseGroupName, withoutBidiControls } from './normalise-group-name.js';

/** Longest description GroupGate passes on. */
export const maxDescriptionLength = 1024;

/** Everything that decides whether, and under what name, someone may create a group. */
export interface CreationAsk {
  readonly creator: DirectoryUser;
  /** Groups the creator is a member of (Entra lets one group's members create while creation is off). */
  readonly creatorGroupIds: readonly GroupId[];
  readonly typedName: string;
  readonly kind: NewGroupKind;
  readonly description?: string;
  readonly settings: SelfServiceSettings;
  readonly directoryPolicy: GroupCreationPolicy;
  readonly existingGroups: readonly DirectoryGroup[];
}

// Entra applies no naming policy to these roles; GroupGate follows it.
const namingExempt = (user: DirectoryUser) => (user.roles ?? []).some((role) => role === 'Global Administrator' || role === 'User Administrator');

const fold = (name: string) => name.toLowerCase().replace(/\s+/g, ' ').trim();

/**
 * Decides a self-service group: admins may always create; others when GroupGate's switch and the
 * directory's own setting for that kind allow. The name gets the naming policy (Entra's for
 * Microsoft 365 groups where it has one, GroupGate's otherwise), and may not be another group's,
 * nor look like it (the same skeleton: a Greek or Cyrillic letter, a zero-width space, 0 for o).
 */
export function assessGroupCreation(ask: CreationAsk): Result<NewGroup, CreationRefusal> {
  const { creator, kind } = ask;
  if (!isGroupAdmin(creator)) {
    if (!ask.settings.selfServiceGroups) return err({ reason: 'selfServiceOff' });
    const refused = directoryRefusal(ask);
    if (refused) return err(refused);
  }
  const policy = namingExempt(creator) ? noNamingPolicy : effectiveNamingPolicy(ask.settings.naming, kind === 'microsoft365' ? ask.directoryPolicy.microsoft365 : undefined);
  const named = applyNamingPolicy(normaliseGroupName(ask.typedName), policy, creator);
  if (!named.ok) return named;
  const displayName = named.value;
  const looks = nameSkeleton(displayName);
  const existing = ask.existingGroups.find((group) => fold(group.displayName) === fold(displayName) || nameSkeleton(group.displayName) === looks);
  if (existing) return err({ reason: 'duplicateName', name: existing.displayName });
  const description = ask.description === undefined ? undefined : withoutBidiControls(ask.description).trim();
  if (description && description.length > maxDescriptionLength) return err({ reason: 'descriptionTooLong', limit: maxDescriptionLength });
  const mailNickname = mailNicknameFor(displayName, ask.existingGroups.flatMap((group) => (group.mailNickname ? [group.mailNickname] : [])));
  return ok({ displayName, mailNickname, kind, creatorId: creator.id, ...(description ? { description } : {}) });
}

function directoryRefusal(ask: CreationAsk): CreationRefusal | undefined {
  if (ask.kind === 'security') {
    return ask.directoryPolicy.security?.creationAllowed === false ? { reason: 'directoryForbids', kind: 'security' } : undefined;
  }
  const unified = ask.directoryPolicy.microsoft365;
  if (!unified || unified.creationAllowed) return undefined;
  if (unified.allowedGroupId && ask.creatorGroupIds.includes(unified.allowedGroupId)) return undefined;
  return { reason: 'directoryForbids', kind: 'microsoft365', ...(unified.allowedGroupId ? { allowedGroupId: unified.allowedGroupId } : {}) };
}

/** GroupGate's naming policy, with Entra's prefix and suffix in its place where Entra has them, and both lists of blocked words. */
export function effectiveNamingPolicy(own: NamingPolicy, entra: GroupCreationPolicy['microsoft365']): NamingPolicy {
  if (!entra) return own;
  const affixes = entra.prefixSuffix ? affixesFromTemplate(entra.prefixSuffix) : own;
  return { prefix: affixes.prefix, suffix: affixes.suffix, blockedWords: [...new Set([...own.blockedWords, ...entra.blockedWords])] };
}
