import type { AuditLog } from '../domain/audit/audit-log.js';
import { StoreAuditLog } from '../domain/audit/store-audit-log.js';
import type { JoinRequestPorts } from '../domain/join-requests/join-request-ports.js';
import type { JoinRequestTiming } from '../domain/join-requests/join-request-timing.js';
import type { LicenseStateSource } from '../domain/licensing/license-state-source.js';
import { defaultLowSeatSettings, type LowSeatSettings } from '../domain/licensing/low-seat-threshold.js';
import { defaultServicePlanRules } from '../domain/licensing/service-plan-rules.js';
import type { Clock } from '../domain/ports/clock.js';
import type { Directory } from '../domain/ports/directory.js';
import type { Logger } from '../domain/ports/logger.js';
import type { MembershipListener } from '../domain/ports/membership-events.js';
import type { Store } from '../domain/ports/store.js';
import { closeMembershipEnd } from '../domain/time-bound-membership/record-membership-end.js';
import { auditMembershipChanges } from './audit/audit-membership-changes.js';
import { NamedAuditLog } from './audit/named-audit-log.js';
import { Background } from './background.js';
import { RateLimiter } from './limits/rate-limiter.js';
import { defaultUsageLimits, type UsageLimits } from './limits/usage-limits.js';
import { computedLicenseStates } from './licensing/computed-license-states.js';
import { Licensing } from './licensing/licensing.js';
import { MembershipRules } from './membership-rules/membership-rules.js';
import { Messenger } from './notify/messenger.js';
import type { TurnObserver } from './observe-turn.js';

/** The assembled core every adapter talks to: ports, use-case wiring, and the messenger. */
export interface GroupGate {
  readonly store: Store;
  readonly directory: Directory;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly background: Background;
  readonly messenger: Messenger;
  readonly requests: JoinRequestPorts;
  /** Listeners told about every membership change (licensing, audit); add before serving. */
  readonly membershipListeners: MembershipListener[];
  /** Group-based licensing: runs, views, forecasts and alerts. */
  readonly licensing: Licensing;
  /** Dynamic-membership rules: previews' snapshot, the rule index, and processing of attribute changes. */
  readonly membershipRules: MembershipRules;
  /** How much one person may ask: rates per person and the rule-preview time budget. */
  readonly limits: UsageLimits;
  /** Per-person rate limits, counted in the store so they hold across instances. */
  readonly rateLimiter: RateLimiter;
  /** The append-only audit trail of every request, decision, membership, policy and rule change, and alert. */
  readonly audit: AuditLog;
  /** Sees every person's message and click (metrics); none in tests that build the core alone. */
  readonly observeTurn?: TurnObserver | undefined;
}

/** What the core is built from. */
export interface GroupGateParts {
  readonly store: Store;
  readonly directory: Directory;
  /** The directory without the per-turn memo, for caches kept across turns (rule snapshot and index). */
  readonly cacheDirectory?: Directory;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly timing: JoinRequestTiming;
  readonly maxPendingPerRequester: number;
  /** Rates per person and the preview budget; default `defaultUsageLimits`. */
  readonly limits?: UsageLimits;
  readonly random?: () => number;
  /** When a SKU counts as running low (default 5% or 5 seats, whichever is larger). */
  readonly lowSeat?: LowSeatSettings;
  /** Where licensing states come from; default: computed by GroupGate from the directory. */
  readonly licenseSource?: LicenseStateSource;
  readonly observeTurn?: TurnObserver;
}

/** Wires the core; platform adapters attach themselves to `messenger` afterwards. */
export function createGroupGate(parts: GroupGateParts): GroupGate {
  const background = new Background(parts.logger);
  const membershipListeners: MembershipListener[] = [];
  const random = parts.random ?? Math.random;
  const audit = new NamedAuditLog(
    new StoreAuditLog({ store: parts.store, clock: parts.clock, random, onError: (error, record) => parts.logger.error({ err: error, action: record.action }, 'could not write an audit entry') }),
    parts.directory,
  );
  const messenger = new Messenger({ store: parts.store, directory: parts.directory, clock: parts.clock, logger: parts.logger, timing: parts.timing });
  const requests: JoinRequestPorts = {
    store: parts.store,
    directory: parts.directory,
    notifier: messenger,
    clock: parts.clock,
    random,
    timing: parts.timing,
    maxPendingPerRequester: parts.maxPendingPerRequester,
    membershipListeners,
    defer: (task) => background.run('join-request follow-up', task),
    audit,
  };
  membershipListeners.push(auditMembershipChanges(audit));
  // A time-bound member who left (or was removed) before the end: nothing is left for the sweep to remove.
  membershipListeners.push(async (change) => {
    if (change.change === 'removed' && change.cause !== 'expiry') await closeMembershipEnd(parts.store, change.groupId, change.userId, parts.clock.now());
  });
  const licensing = new Licensing({
    ...parts, background, messenger, audit,
    source: parts.licenseSource ?? computedLicenseStates(parts.directory),
    lowSeat: parts.lowSeat ?? defaultLowSeatSettings,
    rules: defaultServicePlanRules,
  });
  licensing.attach(membershipListeners);
  const membershipRules = new MembershipRules({ ...parts, membershipListeners });
  const limits = parts.limits ?? defaultUsageLimits;
  return { ...parts, limits, rateLimiter: new RateLimiter(parts.store, parts.clock, limits.rates), background, messenger, requests, membershipListeners, licensing, membershipRules, audit };
}
