import type { NewGroupKind } from '../model/new-group.js';
import type { GroupId } from '../model/ids.js';
import type { NamingRefusal } from './naming-policy.js';
import type { PendingMemberChange } from './pending-member-change.js';

/** Why a group was not created. Words for people live in bot/, in one exhaustive switch. */
export type CreationRefusal =
  | NamingRefusal
  /** GroupGate's own switch (`setting self-service-groups off`). */
  | { readonly reason: 'selfServiceOff' }
  /** The directory's setting (Entra's Group.Unified or authorization policy). */
  | { readonly reason: 'directoryForbids'; readonly kind: NewGroupKind; readonly allowedGroupId?: GroupId }
  /** Another group has this name (any case), or someone is creating it this minute. */
  | { readonly reason: 'duplicateName'; readonly name: string }
  | { readonly reason: 'descriptionTooLong'; readonly limit: number };

/** Why a group's kind keeps GroupGate from changing who is in it (or who owns it, for the last two). */
export type GroupKindRefusal =
  | { readonly reason: 'dynamicGroup'; readonly membershipRule: string }
  | { readonly reason: 'syncedFromOnPremises' }
  | { readonly reason: 'mailEnabledOrDistributionList' };

/** Why an owner's add or remove of a member did not happen. */
export type MemberChangeRefusal =
  | GroupKindRefusal
  | { readonly reason: 'notAnOwner' }
  | { readonly reason: 'alreadyMember' }
  | { readonly reason: 'notMember' };

/** Why an owner was not added or removed. */
export type OwnerChangeRefusal =
  | Exclude<GroupKindRefusal, { readonly reason: 'dynamicGroup' }>
  | { readonly reason: 'notAnOwner' }
  | { readonly reason: 'alreadyOwner' }
  | { readonly reason: 'notOwner' }
  /** Only an admin may leave a group without owners. */
  | { readonly reason: 'lastOwner' }
  /** Entra allows at most this many owners. */
  | { readonly reason: 'ownerLimit'; readonly limit: number };

/** Why an owner may not change a group's settings. */
export type GroupSettingsRefusal = GroupKindRefusal | { readonly reason: 'notAnOwner' };

/** Why a click on Confirm or Cancel of a member change did nothing. */
export type PendingChangeRefusal =
  | { readonly reason: 'changeNotFound' }
  | { readonly reason: 'notRequester' }
  | { readonly reason: 'alreadyDecided'; readonly change: PendingMemberChange }
  | { readonly reason: 'expired' }
  /** Rights or the group changed since the card was shown. */
  | { readonly reason: 'noLongerAllowed'; readonly refusal: MemberChangeRefusal };
