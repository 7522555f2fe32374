import type { GroupId } from './ids.js';

/**
 * What the directory itself says about people creating groups, where it says anything (Entra
 * does, through Microsoft Graph; the embedded tenant does not). Each part is absent when the
 * directory does not expose it, and GroupGate's own setting decides alone.
 */
export interface GroupCreationPolicy {
  /** Microsoft 365 groups: the "Group.Unified" directory setting. */
  readonly microsoft365?: {
    /** `EnableGroupCreation`: false means only admins and members of `allowedGroupId` may create them. */
    readonly creationAllowed: boolean;
    /** `GroupCreationAllowedGroupId`: the group whose members may create them while creation is off. */
    readonly allowedGroupId?: GroupId;
    /** `PrefixSuffixNamingRequirement`, e.g. "GRP_[GroupName]_[Department]". */
    readonly prefixSuffix?: string;
    /** `CustomBlockedWordsList`. */
    readonly blockedWords: readonly string[];
  };
  /** Security groups: the authorization policy's `allowedToCreateSecurityGroups`. */
  readonly security?: { readonly creationAllowed: boolean };
}
