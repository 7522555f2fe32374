/**
 * The directory will not make a write, for a reason retrying cannot fix: the user or the group was
 * deleted, or the group's members are managed elsewhere (on-premises AD, Exchange, a rule). The
 * message says so in words people can act on. Anything else a directory write throws counts as
 * passing trouble (a network error, throttling, a missing permission an admin can still grant).
 */
export class PermanentWriteRefusal extends Error {
  override readonly name: string = 'PermanentWriteRefusal';
}
