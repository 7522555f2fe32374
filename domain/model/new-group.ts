import type { UserId } from './ids.js';

/** The two kinds of group people may create themselves (Graph can create no others). */
export type NewGroupKind = 'security' | 'microsoft365';

export const newGroupKinds: readonly NewGroupKind[] = ['security', 'microsoft365'];

/**
 * A group to create, as GroupGate decided it: the name after the tenant's naming policy, a mail
 * nickname no other group uses, and its creator, who becomes its first owner and member.
 */
export interface NewGroup {
  readonly displayName: string;
  readonly mailNickname: string;
  readonly description?: string;
  readonly kind: NewGroupKind;
  readonly creatorId: UserId;
}
