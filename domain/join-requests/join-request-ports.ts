import type { AuditLog } from '../audit/audit-log.js';
import type { Clock } from '../ports/clock.js';
import type { Directory } from '../ports/directory.js';
import type { MembershipListener } from '../ports/membership-events.js';
import type { Notifier } from '../ports/notifier.js';
import type { Store } from '../ports/store.js';
import type { JoinRequestTiming } from './join-request-timing.js';

/** Everything the join-request use cases need from the outside world. */
export interface JoinRequestPorts {
  readonly store: Store;
  readonly directory: Directory;
  readonly notifier: Notifier;
  readonly clock: Clock;
  /** Numbers in [0, 1) for request ids. */
  readonly random: () => number;
  readonly timing: JoinRequestTiming;
  readonly maxPendingPerRequester: number;
  readonly membershipListeners: readonly MembershipListener[];
  /**
   * Runs follow-up work (telling people, updating cards) without making the decider wait:
   * a Teams invoke must be answered within seconds. Tests may run it inline.
   */
  readonly defer: (task: () => Promise<unknown>) => void;
  /** The audit trail; absent only in tools that keep none (test workers). */
  readonly audit?: AuditLog;
}
