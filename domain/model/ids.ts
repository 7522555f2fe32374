/** A string that the type checker keeps apart from other ids. */
type Id<Name extends string> = string & { readonly __brand: Name };

/** Entra object id of a user — never a Slack U123 or a Teams 29: id. */
export type UserId = Id<'UserId'>;
/** Entra object id of a group. */
export type GroupId = Id<'GroupId'>;
/** Short, typeable join-request id such as R-7F3A. */
export type JoinRequestId = Id<'JoinRequestId'>;
/** Subscribed SKU id (a GUID). */
export type SkuId = Id<'SkuId'>;

export const userId = (raw: string) => raw as UserId;
export const groupId = (raw: string) => raw as GroupId;
export const joinRequestId = (raw: string) => raw as JoinRequestId;
export const skuId = (raw: string) => raw as SkuId;
