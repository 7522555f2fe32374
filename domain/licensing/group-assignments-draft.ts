import type { AssignedLicense } from '../model/directory-user.js';
import type { LicenseErrorCause } from './license-assignment-state.js';
import type { FailedAssignment, GroupAssignments, StuckAssignment } from './licensing-state.js';
import { recordAsMap } from './record-as-map.js';

/**
 * A group's assignments while a run builds them (in Maps: a large group has tens of thousands of
 * members), noting whether anything differs from the previous run. An unchanged group keeps its
 * previous object, so a store writes only the groups that changed.
 */
export class GroupAssignmentsDraft {
  private readonly active = new Map<string, string>();
  private readonly failing = new Map<string, FailedAssignment>();
  private readonly stuck = new Map<string, StuckAssignment>();
  private changed: boolean;

  private readonly before?: { readonly active: ReadonlyMap<string, string>; readonly failing: ReadonlyMap<string, FailedAssignment>; readonly stuck: ReadonlyMap<string, StuckAssignment> };

  constructor(readonly licenses: readonly AssignedLicense[], private readonly previous?: GroupAssignments) {
    this.changed = previous === undefined || JSON.stringify(previous.licenses) !== JSON.stringify(licenses);
    if (previous) this.before = { active: recordAsMap(previous.active), failing: recordAsMap(previous.failing), stuck: recordAsMap(previous.stuck) };
  }

  setActive(userId: string, since: string): void {
    if (this.failing.delete(userId)) this.changed = true;
    this.active.set(userId, since);
    if (!this.changed && this.before?.active.get(userId) !== since) this.changed = true;
  }

  setFailing(userId: string, failed: FailedAssignment): void {
    this.failing.set(userId, failed);
    if (!this.changed && !sameFailure(this.before?.failing.get(userId), failed)) this.changed = true;
  }

  setStuck(userId: string, stuck: StuckAssignment): void {
    this.stuck.set(userId, stuck);
    const before = this.before?.stuck.get(userId);
    if (!this.changed && !(before && before.since === stuck.since && sameCause(before.cause, stuck.cause))) this.changed = true;
  }

  /** The group's assignments: the previous object when nothing changed. */
  finish(): GroupAssignments {
    const { before, previous } = this;
    const same = previous && before && !this.changed && before.active.size === this.active.size && before.failing.size === this.failing.size && before.stuck.size === this.stuck.size;
    if (same) return previous;
    return { licenses: this.licenses, active: Object.fromEntries(this.active), failing: Object.fromEntries(this.failing), stuck: Object.fromEntries(this.stuck) };
  }
}

function sameFailure(a: FailedAssignment | undefined, b: FailedAssignment): boolean {
  return (
    a !== undefined && a.since === b.since && a.failures.length === b.failures.length &&
    a.failures.every((f, i) => f.skuId === b.failures[i]!.skuId && f.error === b.failures[i]!.error && sameCause(f.cause, b.failures[i]!.cause))
  );
}

function sameCause(a: LicenseErrorCause, b: LicenseErrorCause): boolean {
  if (a.reason !== b.reason) return false;
  // The common causes carry nothing else; the rest are small.
  return a.reason === 'notEnoughSeats' || a.reason === 'noUsageLocation' || JSON.stringify(a) === JSON.stringify(b);
}
